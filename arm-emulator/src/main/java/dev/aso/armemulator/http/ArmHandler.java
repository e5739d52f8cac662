package dev.aso.armemulator.http;

import dev.aso.armemulator.arm.ArmException;
import dev.aso.armemulator.arm.ArmRequest;
import dev.aso.armemulator.arm.ArmResponse;
import dev.aso.armemulator.arm.ResourceService;
import dev.aso.armemulator.identity.Principal;
import dev.aso.armemulator.identity.TokenService;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** ARM over HTTP: checks the bearer token, then hands the call to {@link ResourceService}. */
public final class ArmHandler implements Handler<RoutingContext> {
    private static final Logger LOG = LoggerFactory.getLogger(ArmHandler.class);

    private final TokenService tokens;
    private final ResourceService service;

    public ArmHandler(TokenService tokens, ResourceService service) {
        this.tokens = tokens;
        this.service = service;
    }

    @Override
    public void handle(RoutingContext ctx) {
        String requestId = UUID.randomUUID().toString();
        ctx.response().putHeader("x-ms-request-id", requestId).putHeader("x-ms-correlation-request-id",
                orElse(ctx.request().getHeader("x-ms-correlation-request-id"), requestId));
        Principal who;
        try {
            who = authenticate(ctx.request().getHeader("Authorization"));
        } catch (TokenService.InvalidTokenException e) {
            ctx.response().putHeader("WWW-Authenticate", "Bearer authorization_uri=\"" + Http.baseUrl(ctx)
                    + "/\", error=\"invalid_token\", error_description=\"" + e.getMessage().replace("\"", "'") + "\"");
            Http.json(ctx, 401, ArmException.body(e.code(), e.getMessage(), List.of()));
            return;
        }
        ctx.put(Http.CLIENT_ID, who.clientId());
        String body = ctx.body() == null || ctx.body().length() <= 0 ? null : ctx.body().asString();
        ArmRequest req = new ArmRequest(ctx.request().method().name(), ctx.request().path(), ctx.request().getParam("api-version"),
                body, who, Http.baseUrl(ctx), ctx.get(Http.FAIL_OPERATION));
        try {
            ArmResponse resp = service.handle(req);
            resp.headers().forEach(ctx.response()::putHeader);
            Http.json(ctx, resp.status(), resp.body());
        } catch (ArmException e) {
            Http.json(ctx, e.status(), e.body());
        } catch (RuntimeException e) {
            LOG.error("internal error on {} {}", req.method(), req.path(), e);
            Http.json(ctx, 500, ArmException.body("InternalServerError",
                    "The emulator failed to process the request (request id " + requestId + "); see its log.", List.of()));
        }
    }

    private Principal authenticate(String header) throws TokenService.InvalidTokenException {
        if (header == null || header.isBlank()) {
            throw new TokenService.InvalidTokenException("AuthenticationFailed", "Authentication failed. The 'Authorization' header is missing.");
        }
        if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new TokenService.InvalidTokenException("AuthenticationFailedInvalidHeader",
                    "Authentication failed. The 'Authorization' header is provided in an invalid format.");
        }
        return tokens.verify(header.substring(7).trim());
    }

    private static String orElse(String a, String b) {
        return a == null ? b : a;
    }
}
