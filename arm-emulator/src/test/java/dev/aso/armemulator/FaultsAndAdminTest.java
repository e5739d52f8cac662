package dev.aso.armemulator;

import static dev.aso.armemulator.RawArm.SUB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aso.armemulator.RawArm.Response;
import dev.aso.armemulator.config.EmulatorConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Faults on demand, the request log and the counters, driven through the admin API over HTTPS. */
class FaultsAndAdminTest {
    static final String API = "2024-11-01";
    static final String REDIS_BODY = "{\"location\":\"westus\",\"properties\":{\"sku\":{\"name\":\"Basic\",\"family\":\"C\",\"capacity\":0}}}";
    static final String IDENTITY_API = "2023-01-31";

    static ArmEmulator emulator;
    static AdminClient admin;
    static RawArm arm;

    @BeforeAll
    static void start() {
        emulator = ArmEmulator.builder().typesDir(Path.of("../azure-types")).config(EmulatorConfig.defaults()).build().start();
        admin = emulator.adminClient();
        arm = new RawArm(emulator);
        arm.resourceGroup("rg-faults");
    }

    @AfterAll
    static void stop() {
        emulator.stop();
    }

    @BeforeEach
    void clean() {
        admin.clearFaults();
        admin.clearRequests();
    }

    static String identity(String name) {
        return SUB + "/resourceGroups/rg-faults/providers/Microsoft.ManagedIdentity/userAssignedIdentities/" + name;
    }

    @Test
    void serverErrorsForACountOfCallsThenNormalService() {
        admin.addFault(Map.of("method", "PUT", "resourceType", "Microsoft.ManagedIdentity/userAssignedIdentities", "status", 500, "count", 1));
        admin.addFault(Map.of("method", "GET", "pathContains", "/id-503", "status", 503, "retryAfterSeconds", 7, "skip", 1, "count", 1));
        Response first = arm.put(identity("id-503"), IDENTITY_API, "{\"location\":\"westus\"}");
        assertThat(first.status()).isEqualTo(500);
        assertThat(first.code()).isEqualTo("InternalServerError");
        assertThat(arm.put(identity("id-503"), IDENTITY_API, "{\"location\":\"westus\"}").status()).isEqualTo(201);

        assertThat(arm.get(identity("id-503"), IDENTITY_API).status()).as("skipped").isEqualTo(200);
        Response unavailable = arm.get(identity("id-503"), IDENTITY_API);
        assertThat(unavailable.status()).isEqualTo(503);
        assertThat(unavailable.code()).isEqualTo("ServiceUnavailable");
        assertThat(unavailable.header("Retry-After")).isEqualTo("7");
        assertThat(arm.get(identity("id-503"), IDENTITY_API).status()).isEqualTo(200);
    }

    @Test
    void throttlingWithRetryAfter() {
        admin.addFault(Map.of("pathContains", "/id-429", "status", 429, "retryAfterSeconds", 2));
        Response r = arm.get(identity("id-429"), IDENTITY_API);
        assertThat(r.status()).isEqualTo(429);
        assertThat(r.code()).isEqualTo("TooManyRequests");
        assertThat(r.header("Retry-After")).isEqualTo("2");
    }

    @Test
    void slowResponses() {
        admin.addFault(Map.of("pathContains", "/id-slow", "delayMs", 400, "count", 1));
        long start = System.nanoTime();
        assertThat(arm.put(identity("id-slow"), IDENTITY_API, "{\"location\":\"westus\"}").status()).isEqualTo(201);
        assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(400);
    }

    @Test
    void anOperationThatEndsFailed() {
        admin.addFault(Map.of("method", "PUT", "resourceType", "Microsoft.Cache/redis",
                "failOperation", Map.of("code", "ResourceDeploymentFailure", "message", "The cache could not be provisioned.")));
        String cache = SUB + "/resourceGroups/rg-faults/providers/Microsoft.Cache/redis/failing";
        Response put = arm.put(cache, API, REDIS_BODY);
        assertThat(put.status()).isEqualTo(201);
        String status = "InProgress";
        JsonNode op = null;
        for (int i = 0; i < 5 && status.equals("InProgress"); i++) {
            op = arm.call("GET", put.header("Azure-AsyncOperation"), null).json();
            status = op.path("status").asText();
        }
        assertThat(status).isEqualTo("Failed");
        assertThat(op.path("error").path("code").asText()).isEqualTo("ResourceDeploymentFailure");
        assertThat(arm.get(cache, API).json().path("properties").path("provisioningState").asText()).isEqualTo("Failed");
        Response result = arm.call("GET", put.header("Location"), null);
        assertThat(result.status()).isEqualTo(400);
        assertThat(result.code()).isEqualTo("ResourceDeploymentFailure");
    }

    @Test
    void aDroppedConnection() {
        // a PUT: the JDK client silently retries an idempotent GET once on a closed connection
        admin.addFault(Map.of("method", "PUT", "pathContains", "/id-drop", "dropConnection", true, "count", 1));
        assertThatThrownBy(() -> arm.put(identity("id-drop"), IDENTITY_API, "{\"location\":\"westus\"}"))
                .hasRootCauseInstanceOf(java.io.IOException.class);
        assertThat(arm.get(identity("id-drop"), IDENTITY_API).status()).as("the dropped call did nothing").isEqualTo(404);
        assertThat(arm.put(identity("id-drop"), IDENTITY_API, "{\"location\":\"westus\"}").status()).isEqualTo(201);
    }

    @Test
    void theRequestLogAndCountersShowWhatWasSent() throws Exception {
        String body = "{\"location\":\"westus\",\"tags\":{\"k\":\"v\"}}";
        arm.put(identity("id-log"), IDENTITY_API, body);
        arm.put(identity("id-log"), IDENTITY_API, body);
        arm.call("PATCH", identity("id-log") + "?api-version=" + IDENTITY_API, "{\"tags\":{}}");
        arm.get(identity("id-log"), IDENTITY_API);
        arm.delete(identity("id-log"), IDENTITY_API);

        JsonNode puts = admin.requests("method=PUT&resourceType=Microsoft.ManagedIdentity/userAssignedIdentities");
        assertThat(puts).hasSize(2);
        assertThat(puts.get(0).path("path").asText()).isEqualTo(identity("id-log"));
        assertThat(puts.get(0).path("apiVersion").asText()).isEqualTo(IDENTITY_API);
        assertThat(puts.get(0).path("status").asInt()).isEqualTo(201);
        assertThat(puts.get(1).path("status").asInt()).isEqualTo(200);
        assertThat(puts.get(0).path("clientId").asText()).isEqualTo(EmulatorConfig.DEFAULT_CLIENT);
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8)));
        assertThat(puts.get(0).path("bodySha256").asText()).isEqualTo(sha);

        JsonNode writes = admin.writeCounters();
        assertThat(writes.path("PUT").asLong()).isEqualTo(2);
        assertThat(writes.path("PATCH").asLong()).isEqualTo(1);
        assertThat(writes.path("DELETE Microsoft.ManagedIdentity/userAssignedIdentities").asLong()).isEqualTo(1);
        assertThat(writes.has("GET")).isFalse();
    }

    @Test
    void clientsAndPoliciesThroughTheAdminApi() {
        admin.addClient(Map.of("clientId", "added-client", "tenantId", EmulatorConfig.DEFAULT_TENANT, "secret", "added-secret",
                "subscriptions", List.of(EmulatorConfig.DEFAULT_SUBSCRIPTION)));
        Response token = arm.token(EmulatorConfig.DEFAULT_TENANT, Map.of("grant_type", "client_credentials", "client_id", "added-client",
                "client_secret", "added-secret", "scope", "https://management.azure.com/.default"));
        assertThat(token.status()).isEqualTo(200);
        Response asAdded = arm.callWith(token.json().path("access_token").asText(), "GET",
                SUB + "/resourceGroups/rg-faults?api-version=2020-06-01", null);
        assertThat(asAdded.status()).isEqualTo(200);

        assertThatThrownBy(() -> admin.addClient(Map.of("clientId", "c", "tenantId", "no-such-tenant", "secret", "s")))
                .hasMessageContaining("400").hasMessageContaining("tenant no-such-tenant, which is not configured");
        assertThatThrownBy(() -> admin.addFault(Map.of("pathContains", "/x")))
                .hasMessageContaining("has no effect");
        assertThatThrownBy(() -> admin.addFault(Map.of("status", 200)))
                .hasMessageContaining("must be an HTTP error status");

        admin.setLro(Map.of("resourceType", "Microsoft.ManagedIdentity/userAssignedIdentities", "put", true, "polls", 0));
        Response put = arm.put(identity("id-async"), IDENTITY_API, "{\"location\":\"westus\"}");
        assertThat(put.header("Azure-AsyncOperation")).contains("/operationStatuses/");
        admin.setLro(Map.of("resourceType", "Microsoft.ManagedIdentity/userAssignedIdentities", "put", false));
    }

    @Test
    void tokenEndpointErrorsHaveEntrasShape() {
        Response r = arm.token(EmulatorConfig.DEFAULT_TENANT, Map.of("grant_type", "client_credentials", "client_id", "nobody",
                "client_secret", "x", "scope", "https://management.azure.com/.default"));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().path("error").asText()).isEqualTo("unauthorized_client");
        assertThat(r.json().path("error_codes").get(0).asInt()).isEqualTo(700016);
        Response noHeader = arm.callWith(null, "GET", SUB + "/resourceGroups/rg-faults?api-version=2020-06-01", null);
        assertThat(noHeader.status()).isEqualTo(401);
        assertThat(noHeader.code()).isEqualTo("AuthenticationFailed");
        assertThat(noHeader.header("WWW-Authenticate")).startsWith("Bearer authorization_uri=");
    }
}
