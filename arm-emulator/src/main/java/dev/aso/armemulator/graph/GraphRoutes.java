package dev.aso.armemulator.graph;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aso.armemulator.http.Http;
import dev.aso.armemulator.identity.Principal;
import dev.aso.armemulator.identity.TokenService;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;

/**
 * The part of Microsoft Graph v1.0 the SecurityGroup kind uses: {@code /v1.0/groups} create, get, list (with a
 * {@code $filter} on displayName or mailNickname), update and delete, per tenant of the caller's token, which must
 * be a token for Graph's audience. Errors have Graph's shape.
 */
public final class GraphRoutes {
    /** The audiences a Graph token may carry: the resource URI and Graph's application id. */
    public static final Set<String> AUDIENCES = Set.of("https://graph.microsoft.com",
            "00000003-0000-0000-c000-000000000000");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TokenService tokens;
    private final GroupStore groups;

    public GraphRoutes(TokenService tokens, GroupStore groups) {
        this.tokens = tokens;
        this.groups = groups;
    }

    public void mount(Router router) {
        router.post("/v1.0/groups").handler(ctx -> handle(ctx, who -> {
            ObjectNode g = groups.create(who.tenantId(), body(ctx));
            g.put("@odata.context", Http.baseUrl(ctx) + "/v1.0/$metadata#groups/$entity");
            Http.json(ctx, 201, g);
        }));
        router.get("/v1.0/groups").handler(ctx -> handle(ctx, who -> {
            ObjectNode page = JSON.createObjectNode().put("@odata.context", Http.baseUrl(ctx) + "/v1.0/$metadata#groups");
            page.putArray("value").addAll(groups.list(who.tenantId(), ctx.request().getParam("$filter")));
            Http.json(ctx, 200, page);
        }));
        router.get("/v1.0/groups/:id").handler(ctx -> handle(ctx, who -> {
            ObjectNode g = groups.get(who.tenantId(), ctx.pathParam("id"));
            g.put("@odata.context", Http.baseUrl(ctx) + "/v1.0/$metadata#groups/$entity");
            Http.json(ctx, 200, g);
        }));
        router.patch("/v1.0/groups/:id").handler(ctx -> handle(ctx, who -> {
            groups.update(who.tenantId(), ctx.pathParam("id"), body(ctx));
            ctx.response().setStatusCode(204).end();
        }));
        router.delete("/v1.0/groups/:id").handler(ctx -> handle(ctx, who -> {
            groups.delete(who.tenantId(), ctx.pathParam("id"));
            ctx.response().setStatusCode(204).end();
        }));
        router.route("/v1.0/*").handler(ctx -> fail(ctx, new GraphError(400, "BadRequest",
                "Resource not found for the segment '" + ctx.request().path().substring("/v1.0/".length()) + "'.")));
    }

    private interface Work {
        void run(Principal who);
    }

    private void handle(RoutingContext ctx, Work work) {
        Principal who;
        try {
            who = authenticate(ctx.request().getHeader("Authorization"));
        } catch (TokenService.InvalidTokenException e) {
            fail(ctx, new GraphError(401, "InvalidAuthenticationToken", e.getMessage()));
            return;
        }
        ctx.put(Http.CLIENT_ID, who.clientId());
        try {
            work.run(who);
        } catch (GraphError e) {
            fail(ctx, e);
        }
    }

    private Principal authenticate(String header) throws TokenService.InvalidTokenException {
        if (header == null || header.isBlank()) {
            throw new TokenService.InvalidTokenException("InvalidAuthenticationToken", "Access token is empty.");
        }
        if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new TokenService.InvalidTokenException("InvalidAuthenticationToken",
                    "CompactToken parsing failed with error code: 80049217");
        }
        return tokens.verify(header.substring(7).trim(), AUDIENCES);
    }

    private static JsonNode body(RoutingContext ctx) {
        try {
            JsonNode body = ctx.body() == null || ctx.body().length() == 0 ? null : JSON.readTree(ctx.body().asString());
            if (body == null || !body.isObject()) {
                throw GraphError.badRequest("Empty Payload. JSON content expected.");
            }
            return body;
        } catch (java.io.IOException e) {
            throw GraphError.badRequest("Unable to read JSON request payload. Please ensure Content-Type header is set"
                    + " and payload is of valid JSON format.");
        }
    }

    private static void fail(RoutingContext ctx, GraphError e) {
        Http.json(ctx, e.status(), e.body(ctx.request().getHeader("client-request-id")));
    }
}
