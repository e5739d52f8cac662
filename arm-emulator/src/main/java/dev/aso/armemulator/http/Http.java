package dev.aso.armemulator.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.ext.web.RoutingContext;

/** Small helpers for writing JSON answers. */
public final class Http {
    /** Context key under which the authenticated client id is kept for the request log. */
    public static final String CLIENT_ID = "aso.clientId";
    /** Context key of a fault's failOperation error for the ARM handler. */
    public static final String FAIL_OPERATION = "aso.failOperation";

    private static final ObjectMapper JSON = new ObjectMapper();

    private Http() {
    }

    public static void json(RoutingContext ctx, int status, Object body) {
        try {
            String text = body == null ? "" : JSON.writeValueAsString(body);
            var resp = ctx.response().setStatusCode(status);
            if (body != null) {
                resp.putHeader("Content-Type", "application/json; charset=utf-8");
            }
            resp.end(text);
        } catch (JsonProcessingException e) {
            ctx.response().setStatusCode(500).end();
        }
    }

    /** scheme://host:port the client used. */
    public static String baseUrl(RoutingContext ctx) {
        return ctx.request().scheme() + "://" + authority(ctx);
    }

    /** host:port the client addressed. */
    public static String authority(RoutingContext ctx) {
        var a = ctx.request().authority();
        if (a == null) {
            return "localhost";
        }
        String host = a.host().contains(":") && !a.host().startsWith("[") ? "[" + a.host() + "]" : a.host();
        return a.port() > 0 ? host + ":" + a.port() : host;
    }
}
