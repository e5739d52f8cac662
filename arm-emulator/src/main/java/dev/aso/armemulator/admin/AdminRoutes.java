package dev.aso.armemulator.admin;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aso.armemulator.arm.LroPolicies;
import dev.aso.armemulator.arm.ResourceService;
import dev.aso.armemulator.config.EmulatorConfig.ClientConfig;
import dev.aso.armemulator.config.EmulatorConfig.TenantConfig;
import dev.aso.armemulator.config.LroPolicy;
import dev.aso.armemulator.http.Http;
import dev.aso.armemulator.identity.Directory;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The admin API under /admin: faults, the request log and write counters, tenants and clients,
 * operation policies, the state (dump, reset, save) and the CA certificate. No ARM token needed;
 * when an admin token is configured, the X-Admin-Token header must carry it.
 */
public final class AdminRoutes {
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** What the admin API acts on. */
    public record Targets(FaultInjector faults, RequestLog log, Directory directory, LroPolicies lro, ResourceService service,
                          String caCertificatePem, Runnable save, String adminToken) {
    }

    private final Targets t;

    public AdminRoutes(Targets targets) {
        this.t = targets;
    }

    public void mount(Router router) {
        router.route("/admin/*").handler(this::checkToken);
        router.get("/admin/health").handler(ctx -> Http.json(ctx, 200, Map.of("status", "ok")));
        router.get("/admin/ca.crt").handler(ctx -> ctx.response().putHeader("Content-Type", "application/x-pem-file").end(t.caCertificatePem()));
        router.get("/admin/faults").handler(ctx -> Http.json(ctx, 200, Map.of("value", t.faults().list())));
        router.post("/admin/faults").handler(ctx -> guarded(ctx, () -> Http.json(ctx, 201, t.faults().add(read(ctx, FaultRule.class)))));
        router.delete("/admin/faults").handler(ctx -> {
            t.faults().clear();
            Http.json(ctx, 204, null);
        });
        router.delete("/admin/faults/:id").handler(ctx -> Http.json(ctx, t.faults().remove(ctx.pathParam("id")) ? 204 : 404, null));
        router.get("/admin/requests").handler(this::requests);
        router.delete("/admin/requests").handler(ctx -> {
            t.log().clear();
            Http.json(ctx, 204, null);
        });
        router.get("/admin/counters").handler(ctx -> Http.json(ctx, 200, Map.of("writes", t.log().writeCounters())));
        router.get("/admin/tenants").handler(ctx -> Http.json(ctx, 200, Map.of("value", t.directory().tenants())));
        router.post("/admin/tenants").handler(ctx -> guarded(ctx, () -> {
            TenantConfig tenant = read(ctx, TenantConfig.class);
            t.directory().putTenant(tenant);
            Http.json(ctx, 201, tenant);
        }));
        router.get("/admin/clients").handler(ctx -> Http.json(ctx, 200, Map.of("value", t.directory().clients().stream()
                .map(c -> Map.of("clientId", c.clientId(), "tenantId", c.tenantId(), "subscriptions", c.subscriptions())).toList())));
        router.post("/admin/clients").handler(ctx -> guarded(ctx, () -> {
            ClientConfig client = read(ctx, ClientConfig.class);
            t.directory().putClient(client);
            Http.json(ctx, 201, Map.of("clientId", client.clientId()));
        }));
        router.get("/admin/lro").handler(ctx -> Http.json(ctx, 200, Map.of("default", t.lro().defaults(), "types", t.lro().configured())));
        router.post("/admin/lro").handler(ctx -> guarded(ctx, () -> {
            ObjectNode body = read(ctx, ObjectNode.class);
            LroPolicy policy = JSON.treeToValue(body.deepCopy().without("resourceType"), LroPolicy.class);
            JsonNode type = body.get("resourceType");
            if (type == null) {
                t.lro().setDefault(policy);
            } else {
                t.lro().set(type.asText(), policy);
            }
            Http.json(ctx, 204, null);
        }));
        router.get("/admin/state").handler(ctx -> Http.json(ctx, 200, t.service().snapshot()));
        router.delete("/admin/state").handler(ctx -> {
            t.service().reset();
            Http.json(ctx, 204, null);
        });
        router.post("/admin/state/save").handler(ctx -> guarded(ctx, () -> {
            t.save().run();
            Http.json(ctx, 204, null);
        }));
    }

    private void checkToken(RoutingContext ctx) {
        if (t.adminToken() != null && !t.adminToken().equals(ctx.request().getHeader("X-Admin-Token"))) {
            Http.json(ctx, 401, Map.of("error", Map.of("code", "AdminTokenRequired", "message",
                    "The admin API needs the X-Admin-Token header with the configured admin token.")));
            return;
        }
        ctx.next();
    }

    private void requests(RoutingContext ctx) {
        String method = ctx.request().getParam("method");
        String contains = ctx.request().getParam("pathContains");
        String type = ctx.request().getParam("resourceType");
        long since = Long.parseLong(ctx.request().getParam("since", "0"));
        Predicate<RequestLog.Entry> f = e -> e.seq() > since
                && (method == null || method.equalsIgnoreCase(e.method()))
                && (contains == null || e.path().toLowerCase().contains(contains.toLowerCase()))
                && (type == null || type.equalsIgnoreCase(e.resourceType()));
        List<RequestLog.Entry> entries = t.log().entries(f);
        Http.json(ctx, 200, Map.of("value", entries));
    }

    private static <T> T read(RoutingContext ctx, Class<T> type) throws Exception {
        if (ctx.body() == null || ctx.body().length() <= 0) {
            throw new IllegalArgumentException("the request body is empty: send a JSON object");
        }
        return JSON.readValue(ctx.body().asString(), type);
    }

    private interface Action {
        void run() throws Exception;
    }

    private static void guarded(RoutingContext ctx, Action action) {
        try {
            action.run();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            Http.json(ctx, 400, Map.of("error", Map.of("code", "InvalidAdminRequest", "message", "invalid JSON: " + e.getOriginalMessage())));
        } catch (Exception e) {
            Http.json(ctx, 400, Map.of("error", Map.of("code", "InvalidAdminRequest", "message", String.valueOf(e.getMessage()))));
        }
    }
}
