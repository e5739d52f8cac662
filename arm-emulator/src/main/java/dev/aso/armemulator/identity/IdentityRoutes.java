package dev.aso.armemulator.identity;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aso.armemulator.config.EmulatorConfig.ClientConfig;
import dev.aso.armemulator.http.Http;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The Microsoft Entra endpoints a client calls with the emulator as authority host: the v2.0 and
 * v1 token endpoints for the client-credentials grant (all azure-identity needs once instance
 * discovery is disabled), and the OpenID configuration and signing keys (for OIDC clients).
 */
public final class IdentityRoutes {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ClientAuthenticator authenticator;
    private final TokenService tokens;

    public IdentityRoutes(ClientAuthenticator authenticator, TokenService tokens) {
        this.authenticator = authenticator;
        this.tokens = tokens;
    }

    public void mount(Router router) {
        router.get("/:tenant/v2.0/.well-known/openid-configuration").handler(this::openidConfiguration);
        router.get("/:tenant/.well-known/openid-configuration").handler(this::openidConfiguration);
        router.get("/:tenant/discovery/v2.0/keys").handler(ctx -> Http.json(ctx, 200, tokens.jwks()));
        router.get("/:tenant/discovery/keys").handler(ctx -> Http.json(ctx, 200, tokens.jwks()));
        router.post("/:tenant/oauth2/v2.0/token").handler(ctx -> token(ctx, true));
        router.post("/:tenant/oauth2/token").handler(ctx -> token(ctx, false));
    }

    private void openidConfiguration(RoutingContext ctx) {
        String base = Http.baseUrl(ctx) + "/" + ctx.pathParam("tenant");
        ObjectNode body = JSON.createObjectNode()
                .put("issuer", base + "/v2.0")
                .put("token_endpoint", base + "/oauth2/v2.0/token")
                .put("authorization_endpoint", base + "/oauth2/v2.0/authorize")
                .put("jwks_uri", base + "/discovery/v2.0/keys")
                .put("tenant_region_scope", "NA")
                .put("cloud_instance_name", Http.authority(ctx));
        body.putArray("token_endpoint_auth_methods_supported").add("client_secret_post").add("private_key_jwt");
        body.putArray("id_token_signing_alg_values_supported").add("RS256");
        body.putArray("response_types_supported").add("token");
        body.putArray("grant_types_supported").add("client_credentials");
        Http.json(ctx, 200, body);
    }

    private void token(RoutingContext ctx, boolean v2) {
        Map<String, String> form = new HashMap<>();
        ctx.request().formAttributes().forEach(e -> form.put(e.getKey(), e.getValue()));
        String tenant = ctx.pathParam("tenant");
        try {
            ClientConfig client = authenticator.authenticate(tenant, form);
            String audience = v2 ? audienceOf(form.get("scope")) : form.getOrDefault("resource", "https://management.azure.com/");
            ctx.put(Http.CLIENT_ID, client.clientId());
            ObjectNode body = JSON.createObjectNode()
                    .put("token_type", "Bearer")
                    .put("expires_in", tokens.lifetimeSeconds())
                    .put("ext_expires_in", tokens.lifetimeSeconds())
                    .put("access_token", tokens.issue(Http.baseUrl(ctx), client, audience));
            if (!v2) {
                body.put("resource", audience);
            }
            Http.json(ctx, 200, body);
        } catch (AadError e) {
            String traceId = UUID.randomUUID().toString();
            ObjectNode body = JSON.createObjectNode()
                    .put("error", e.error())
                    .put("error_description", e.getMessage() + "\r\nTrace ID: " + traceId + "\r\nTimestamp: " + Instant.now())
                    .put("timestamp", Instant.now().toString())
                    .put("trace_id", traceId)
                    .put("correlation_id", UUID.randomUUID().toString());
            body.putArray("error_codes").add(e.aadsts());
            Http.json(ctx, e.status(), body);
        }
    }

    /** The resource of a scope such as "https://management.azure.com//.default". */
    static String audienceOf(String scope) {
        if (scope == null || scope.isBlank()) {
            return "https://management.azure.com";
        }
        String first = scope.trim().split("\\s+")[0];
        String s = first.endsWith("/.default") ? first.substring(0, first.length() - "/.default".length()) : first;
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
