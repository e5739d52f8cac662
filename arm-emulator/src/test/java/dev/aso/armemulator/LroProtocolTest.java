package dev.aso.armemulator;

import static dev.aso.armemulator.RawArm.SUB;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aso.armemulator.RawArm.Response;
import dev.aso.armemulator.config.EmulatorConfig;
import dev.aso.armemulator.config.LroPolicy;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Long-running operations and cascading deletes at the HTTP level. */
class LroProtocolTest {
    static final String API = "2024-11-01";
    static final String REDIS_BODY = "{\"location\":\"westus\",\"properties\":{\"sku\":{\"name\":\"Basic\",\"family\":\"C\",\"capacity\":0}}}";

    static ArmEmulator emulator;
    static RawArm arm;

    @BeforeAll
    static void start() {
        EmulatorConfig config = new EmulatorConfig(null, null, new LroPolicy(null, true, 1, 0L, 0),
                Map.of("Microsoft.Cache/redis", new LroPolicy(true, true, 2, 0L, 3)), null, null, null, null, null, null, null);
        emulator = ArmEmulator.builder().typesDir(Path.of("../azure-types")).config(config).build().start();
        arm = new RawArm(emulator);
    }

    @AfterAll
    static void stop() {
        emulator.stop();
    }

    static String redis(String rg, String name) {
        return SUB + "/resourceGroups/" + rg + "/providers/Microsoft.Cache/redis/" + name;
    }

    @Test
    void asyncPutGoesAcceptedCreatingSucceededWithOperationHeaders() {
        arm.resourceGroup("rg-lro");
        Response put = arm.put(redis("rg-lro", "c1"), API, REDIS_BODY);
        assertThat(put.status()).isEqualTo(201);
        assertThat(put.json().path("properties").path("provisioningState").asText()).isEqualTo("Accepted");
        String async = put.header("Azure-AsyncOperation");
        String location = put.header("Location");
        assertThat(async).startsWith(emulator.baseUrl() + SUB + "/providers/Microsoft.Cache/locations/westus/operationStatuses/")
                .endsWith("?api-version=" + API);
        assertThat(location).contains("/operationResults/");
        assertThat(put.header("Retry-After")).isEqualTo("3");

        Response busy = arm.put(redis("rg-lro", "c1"), API, REDIS_BODY);
        assertThat(busy.status()).isEqualTo(409);
        assertThat(busy.code()).isEqualTo("AnotherOperationInProgress");

        Response s1 = arm.call("GET", async, null);
        assertThat(s1.json().path("status").asText()).isEqualTo("InProgress");
        assertThat(s1.header("Retry-After")).isEqualTo("3");
        assertThat(arm.get(redis("rg-lro", "c1"), API).json().path("properties").path("provisioningState").asText()).isEqualTo("Creating");
        Response result = arm.call("GET", location, null);
        assertThat(result.status()).isEqualTo(200);
        assertThat(result.json().path("properties").path("provisioningState").asText()).isEqualTo("Succeeded");
        Response s2 = arm.call("GET", async, null);
        assertThat(s2.json().path("status").asText()).isEqualTo("Succeeded");
        assertThat(s2.json().has("endTime")).isTrue();

        Response update = arm.put(redis("rg-lro", "c1"), API, REDIS_BODY.replace("\"capacity\":0", "\"capacity\":1"));
        assertThat(update.status()).isEqualTo(200);
        assertThat(update.header("Azure-AsyncOperation")).isNotNull();
        arm.call("GET", update.header("Azure-AsyncOperation"), null);
        assertThat(arm.get(redis("rg-lro", "c1"), API).json().path("properties").path("provisioningState").asText()).isEqualTo("Updating");
    }

    @Test
    void asyncDeleteAnswers202ThenTheResourceIsGone() {
        arm.resourceGroup("rg-lro-del");
        Response put = arm.put(redis("rg-lro-del", "c1"), API, REDIS_BODY);
        pollUntilDone(put.header("Azure-AsyncOperation"));
        Response del = arm.delete(redis("rg-lro-del", "c1"), API);
        assertThat(del.status()).isEqualTo(202);
        assertThat(del.header("Location")).contains("/operationResults/");
        assertThat(del.header("Azure-AsyncOperation")).contains("/operationStatuses/");
        assertThat(arm.get(redis("rg-lro-del", "c1"), API).json().path("properties").path("provisioningState").asText()).isEqualTo("Deleting");
        Response pending = arm.call("GET", del.header("Location"), null);
        assertThat(pending.status()).isEqualTo(202);
        assertThat(pending.header("Location")).isEqualTo(del.header("Location"));
        assertThat(arm.call("GET", del.header("Location"), null).status()).isEqualTo(204);
        assertThat(arm.get(redis("rg-lro-del", "c1"), API).status()).isEqualTo(404);
        assertThat(arm.delete(redis("rg-lro-del", "c1"), API).status()).isEqualTo(204);
    }

    @Test
    void operationsCanTakeTime() throws InterruptedException {
        emulator.lro().set("Microsoft.ManagedIdentity/userAssignedIdentities", new LroPolicy(true, null, 0, 600L, 0));
        arm.resourceGroup("rg-lro-time");
        Response put = arm.put(SUB + "/resourceGroups/rg-lro-time/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id1",
                "2023-01-31", "{\"location\":\"westus\"}");
        assertThat(put.status()).isEqualTo(201);
        long start = System.nanoTime();
        assertThat(arm.call("GET", put.header("Azure-AsyncOperation"), null).json().path("status").asText()).isEqualTo("InProgress");
        pollUntilDone(put.header("Azure-AsyncOperation"));
        assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(450);
    }

    @Test
    void deletingAResourceGroupDeletesEverythingInside() {
        arm.resourceGroup("rg-cascade");
        arm.resourceGroup("rg-cascade-2");
        pollUntilDone(arm.put(redis("rg-cascade", "c1"), API, REDIS_BODY).header("Azure-AsyncOperation"));
        assertThat(arm.put(redis("rg-cascade", "c1") + "/firewallRules/r1", API,
                "{\"properties\":{\"startIP\":\"10.0.0.1\",\"endIP\":\"10.0.0.2\"}}").status()).isEqualTo(201);
        String identity = SUB + "/resourceGroups/rg-cascade/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id1";
        arm.put(identity, "2023-01-31", "{\"location\":\"westus\"}");
        String other = SUB + "/resourceGroups/rg-cascade-2/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id1";
        arm.put(other, "2023-01-31", "{\"location\":\"westus\"}");

        Response del = arm.delete(SUB + "/resourceGroups/rg-cascade", "2020-06-01");
        assertThat(del.status()).isEqualTo(202);
        assertThat(del.header("Location")).contains("/providers/Microsoft.Resources/locations/westus/operationResults/");
        assertThat(arm.get(SUB + "/resourceGroups/rg-cascade", "2020-06-01").json().path("properties").path("provisioningState").asText())
                .isEqualTo("Deleting");
        Response late = arm.put(SUB + "/resourceGroups/rg-cascade/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id2",
                "2023-01-31", "{\"location\":\"westus\"}");
        assertThat(late.status()).isEqualTo(409);
        assertThat(late.code()).isEqualTo("ResourceGroupBeingDeleted");
        int status = 0;
        for (int i = 0; i < 5 && status != 204; i++) {
            status = arm.call("GET", del.header("Location"), null).status();
        }
        assertThat(status).isEqualTo(204);
        assertThat(arm.get(SUB + "/resourceGroups/rg-cascade", "2020-06-01").code()).isEqualTo("ResourceGroupNotFound");
        assertThat(arm.get(redis("rg-cascade", "c1") + "/firewallRules/r1", API).code()).isEqualTo("ResourceGroupNotFound");
        assertThat(arm.get(identity, "2023-01-31").code()).isEqualTo("ResourceGroupNotFound");
        arm.resourceGroup("rg-cascade");
        assertThat(arm.get(redis("rg-cascade", "c1"), API).code()).isEqualTo("ResourceNotFound");
        assertThat(arm.get(other, "2023-01-31").status()).isEqualTo(200);
    }

    private static void pollUntilDone(String asyncUrl) {
        for (int i = 0; i < 50; i++) {
            String status = arm.call("GET", asyncUrl, null).json().path("status").asText();
            if (!status.equals("InProgress")) {
                assertThat(status).isEqualTo("Succeeded");
                return;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("operation " + asyncUrl + " did not finish");
    }
}
