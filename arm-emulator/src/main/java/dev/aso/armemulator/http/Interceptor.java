package dev.aso.armemulator.http;

import dev.aso.armemulator.admin.FaultInjector;
import dev.aso.armemulator.admin.FaultRule;
import dev.aso.armemulator.admin.RequestLog;
import dev.aso.armemulator.arm.ArmException;
import dev.aso.armemulator.arm.ArmPath;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

/** Runs before every non-admin call: records it in the request log when it ends, and applies a matching fault. */
public final class Interceptor implements Handler<RoutingContext> {
    private final Vertx vertx;
    private final FaultInjector faults;
    private final RequestLog log;

    public Interceptor(Vertx vertx, FaultInjector faults, RequestLog log) {
        this.vertx = vertx;
        this.faults = faults;
        this.log = log;
    }

    @Override
    public void handle(RoutingContext ctx) {
        String path = ctx.request().path();
        if (path.startsWith("/admin/") || path.equals("/admin")) {
            ctx.next();
            return;
        }
        String method = ctx.request().method().name();
        String type = ArmPath.resourceTypeOf(path, method);
        String time = Instant.now().toString();
        String hash = ctx.body() == null || ctx.body().length() <= 0 ? null : sha256(ctx.body().buffer().getBytes());
        ctx.addEndHandler(done -> log.add(time, method, path, ctx.request().getParam("api-version"), ctx.response().getStatusCode(),
                hash, ctx.get(Http.CLIENT_ID), type));
        FaultRule fault = faults.match(method, path, type).orElse(null);
        if (fault == null) {
            ctx.next();
            return;
        }
        if (fault.delayMs() != null && fault.delayMs() > 0) {
            vertx.setTimer(fault.delayMs(), t -> apply(ctx, fault));
        } else {
            apply(ctx, fault);
        }
    }

    private void apply(RoutingContext ctx, FaultRule fault) {
        if (Boolean.TRUE.equals(fault.dropConnection())) {
            ctx.response().setStatusCode(499);
            ctx.request().connection().close();
            return;
        }
        if (fault.status() != null) {
            int status = fault.status();
            if (fault.retryAfterSeconds() != null) {
                ctx.response().putHeader("Retry-After", Integer.toString(fault.retryAfterSeconds()));
            }
            String code = fault.code() != null ? fault.code() : switch (status) {
                case 429 -> "TooManyRequests";
                case 503 -> "ServiceUnavailable";
                case 500 -> "InternalServerError";
                default -> "InjectedFault";
            };
            String message = fault.message() != null ? fault.message() : "Fault injected by the ARM emulator (rule " + fault.id() + ").";
            Http.json(ctx, status, ArmException.body(code, message, List.of()));
            return;
        }
        if (fault.failOperation() != null) {
            ctx.put(Http.FAIL_OPERATION, fault.failOperation());
        }
        ctx.next();
    }

    private static String sha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
