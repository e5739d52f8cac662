package dev.aso.webhooks.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aso.webhooks.support.Reviews;
import dev.aso.webhooks.support.WebhookTestServer;
import dev.aso.webhooks.support.WebhookTestServer.Response;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

import static dev.aso.webhooks.support.WebhookTestServer.await;
import static org.assertj.core.api.Assertions.assertThat;

/** Defaulting and validation over real TLS with real AdmissionReview bodies. */
class AdmissionTest {

    static final String REDIS_MUTATE = "/mutate-cache-azure-com-v1api20230801-redis";
    static final String REDIS_VALIDATE = "/validate-cache-azure-com-v1api20230801-redis";
    static final String ARM_RG = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg1";
    static final String ARM_REDIS = ARM_RG + "/providers/Microsoft.Cache/redis/cache1";

    static Vertx vertx;
    static Path certDir;
    static WebhookTestServer server;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        certDir = Files.createTempDirectory("aso-webhooks-admission");
        server = WebhookTestServer.start(vertx, certDir);
    }

    @AfterAll
    static void stop() {
        server.close();
        await(vertx.close());
    }

    static JsonNode respond(String path, ObjectNode review) {
        Response response = server.post(path, review.toString());
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode answer = Reviews.json(response.body()).path("response");
        assertThat(answer.path("uid").asText()).isEqualTo(review.path("request").path("uid").asText());
        return answer;
    }

    static ArrayNode patchOf(JsonNode response) {
        assertThat(response.path("patchType").asText()).isEqualTo("JSONPatch");
        return (ArrayNode) Reviews.JSON.valueToTree(Reviews.json("{\"p\":" + new String(
                Base64.getDecoder().decode(response.path("patch").asText()), StandardCharsets.UTF_8) + "}").get("p"));
    }

    static ObjectNode spec(ObjectNode object) {
        return (ObjectNode) object.get("spec");
    }

    static String denial(ObjectNode object) {
        JsonNode response = respond(REDIS_VALIDATE, Reviews.create(object));
        assertThat(response.path("allowed").asBoolean()).as("expected a denial").isFalse();
        assertThat(response.path("status").path("code").asInt()).isEqualTo(403);
        assertThat(response.path("status").path("reason").asText()).isEqualTo("Forbidden");
        return response.path("status").path("message").asText();
    }

    // ---- defaulting

    @Test
    void defaultsAzureNameFromMetadataNameAndSchemaDefaults() {
        ObjectNode redis = Reviews.redis("my-cache");
        spec(redis).remove("minimumTlsVersion");
        spec(redis).remove("redisVersion");
        JsonNode response = respond(REDIS_MUTATE, Reviews.create(redis));
        assertThat(response.path("allowed").asBoolean()).isTrue();
        assertThat(patchOf(response).toString()).isEqualTo("[{\"op\":\"add\",\"path\":\"/spec/azureName\",\"value\":\"my-cache\"},"
                + "{\"op\":\"add\",\"path\":\"/spec/minimumTlsVersion\",\"value\":\"1.2\"},"
                + "{\"op\":\"add\",\"path\":\"/spec/redisVersion\",\"value\":\"6\"}]");
    }

    @Test
    void defaultsInsideObjectsAndListElements() {
        ObjectNode redis = Reviews.redis("my-cache");
        spec(redis).put("azureName", "my-cache");
        spec(redis).putObject("patchSettings");
        spec(redis).putArray("accessRules").addObject().put("name", "office");
        assertThat(patchOf(respond(REDIS_MUTATE, Reviews.create(redis))).toString()).isEqualTo(
                "[{\"op\":\"add\",\"path\":\"/spec/patchSettings/mode\",\"value\":\"Automatic\"},"
                        + "{\"op\":\"replace\",\"path\":\"/spec/accessRules\",\"value\":[{\"name\":\"office\",\"action\":\"Allow\"}]}]");
    }

    @Test
    void emptyAzureNameIsReplaced() {
        ObjectNode redis = Reviews.redis("my-cache");
        spec(redis).put("azureName", "");
        assertThat(patchOf(respond(REDIS_MUTATE, Reviews.create(redis))).toString())
                .isEqualTo("[{\"op\":\"replace\",\"path\":\"/spec/azureName\",\"value\":\"my-cache\"}]");
    }

    @Test
    void noPatchWhenNothingChanges() {
        ObjectNode redis = Reviews.redis("my-cache");
        spec(redis).put("azureName", "other-name");
        JsonNode response = respond(REDIS_MUTATE, Reviews.create(redis));
        assertThat(response.path("allowed").asBoolean()).isTrue();
        assertThat(response.has("patch")).isFalse();
        assertThat(response.has("patchType")).isFalse();
    }

    @Test
    void unknownFieldsAreNeverRemoved() {
        ObjectNode redis = Reviews.redis("my-cache");
        spec(redis).put("someFutureField", "kept");
        spec(redis).putObject("sku").put("name", "Basic").put("newSkuField", 3);
        redis.putObject("extraTopLevel").put("x", 1);
        ArrayNode patch = patchOf(respond(REDIS_MUTATE, Reviews.create(redis)));
        assertThat(patch).hasSize(1);
        assertThat(patch.get(0).path("op").asText()).isEqualTo("add");
        assertThat(patch.toString()).doesNotContain("remove").doesNotContain("someFutureField").doesNotContain("newSkuField");
    }

    @Test
    void fixedAzureNameIsTheEnumValue() {
        ObjectNode schedule = Reviews.json("""
                {"apiVersion":"cache.azure.com/v1api20230801","kind":"RedisPatchSchedule",
                 "metadata":{"name":"cache1-schedule","namespace":"default"},
                 "spec":{"owner":{"name":"cache1"}}}""");
        assertThat(patchOf(respond("/mutate-cache-azure-com-v1api20230801-redispatchschedule", Reviews.create(schedule)))
                .toString()).isEqualTo("[{\"op\":\"add\",\"path\":\"/spec/azureName\",\"value\":\"default\"}]");
    }

    @Test
    void defaultsOnUpdateAndNothingOnDelete() {
        ObjectNode redis = Reviews.redis("my-cache");
        assertThat(patchOf(respond(REDIS_MUTATE, Reviews.update(redis, redis))).toString()).contains("azureName");
        JsonNode delete = respond(REDIS_MUTATE, Reviews.admission("admission.k8s.io/v1", "DELETE", null, redis));
        assertThat(delete.path("allowed").asBoolean()).isTrue();
        assertThat(delete.has("patch")).isFalse();
    }

    // ---- validation

    @Test
    void aValidRedisIsAllowed() {
        JsonNode response = respond(REDIS_VALIDATE, Reviews.create(Reviews.redis("my-cache")));
        assertThat(response.path("allowed").asBoolean()).as(response.toString()).isTrue();
        assertThat(response.has("warnings")).isFalse();
    }

    @Test
    void ownerNeedsArmIdOrName() {
        ObjectNode both = Reviews.redis("c1");
        spec(both).putObject("owner").put("name", "rg").put("armId", ARM_RG);
        assertThat(denial(both)).isEqualTo("Redis.cache.azure.com \"c1\" is invalid: spec.owner: Invalid value: "
                + "{\"name\":\"rg\",\"armId\":\"" + ARM_RG + "\"}: set either armId (for a resource outside Kubernetes)"
                + " or name (for a resource in this namespace), not both");
        ObjectNode neither = Reviews.redis("c1");
        spec(neither).putObject("owner");
        assertThat(denial(neither)).contains("spec.owner: Required value: set armId (for a resource outside Kubernetes)"
                + " or name (for a resource in this namespace)");
    }

    @Test
    void referencesNeedArmIdXorGroupKindName() {
        ObjectNode redis = Reviews.redis("c1");
        spec(redis).putObject("subnetReference").put("group", "network.azure.com").put("name", "subnet1");
        assertThat(denial(redis)).contains("spec.subnetReference.kind: Required value: group, kind and name are all"
                + " needed to refer to a resource in this namespace");
        ObjectNode both = Reviews.redis("c1");
        ((ObjectNode) spec(both).get("userAssignedIdentities").get(0).get("reference")).put("name", "id1");
        assertThat(denial(both)).contains("spec.userAssignedIdentities[0].reference: Invalid value:")
                .contains("set either armId (for a resource outside Kubernetes) or group, kind and name");
        ObjectNode badId = Reviews.redis("c1");
        spec(badId).putObject("subnetReference").put("armId", "subnet1");
        assertThat(denial(badId)).contains("spec.subnetReference.armId: Invalid value: \"subnet1\": must be an ARM"
                + " resource id such as /subscriptions/");
    }

    @Test
    void ownerArmIdMustPointAtTheParentType() {
        ObjectNode redis = Reviews.redis("c1");
        spec(redis).putObject("owner").put("armId", ARM_REDIS);
        assertThat(denial(redis)).isEqualTo("Redis.cache.azure.com \"c1\" is invalid: spec.owner.armId: Invalid value: \""
                + ARM_REDIS + "\": must be the id of a Microsoft.Resources/resourceGroups (the owner of a Redis),"
                + " not of a Microsoft.Cache/redis");
        ObjectNode ok = Reviews.redis("c1");
        spec(ok).putObject("owner").put("armId", ARM_RG.replace("resourceGroups", "RESOURCEGROUPS"));
        assertThat(respond(REDIS_VALIDATE, Reviews.create(ok)).path("allowed").asBoolean()).isTrue();
        ObjectNode schedule = Reviews.json("""
                {"apiVersion":"cache.azure.com/v1api20230801","kind":"RedisPatchSchedule",
                 "metadata":{"name":"s","namespace":"default"},
                 "spec":{"azureName":"default","owner":{"armId":"%s"}}}""".formatted(ARM_REDIS));
        assertThat(respond("/validate-cache-azure-com-v1api20230801-redispatchschedule", Reviews.create(schedule))
                .path("allowed").asBoolean()).isTrue();
    }

    @Test
    void azureNameAndOwnerAreWriteOnceAfterCreation() {
        ObjectNode old = Reviews.redis("c1");
        spec(old).put("azureName", "c1");
        ((ObjectNode) old.get("metadata").get("annotations")).put("serviceoperator.azure.com/resource-id", ARM_REDIS);
        ObjectNode renamed = old.deepCopy();
        spec(renamed).put("azureName", "c2");
        spec(renamed).putObject("owner").put("name", "other-rg");
        String message = denialOnUpdate(old, renamed);
        assertThat(message).startsWith("Redis.cache.azure.com \"c1\" is invalid: [spec.azureName: Forbidden: cannot"
                + " change once the resource exists in Azure (serviceoperator.azure.com/resource-id is set); set it back"
                + " to \"c1\"").contains(", spec.owner: Forbidden: cannot change once");
        ObjectNode ownerRemoved = old.deepCopy();
        spec(ownerRemoved).remove("owner");
        assertThat(denialOnUpdate(old, ownerRemoved)).contains("spec.owner: Forbidden:").contains("cannot be removed");

        ObjectNode notYetCreated = Reviews.redis("c1");
        ObjectNode changed = notYetCreated.deepCopy();
        spec(changed).put("azureName", "c2");
        assertThat(respond(REDIS_VALIDATE, Reviews.update(notYetCreated, changed)).path("allowed").asBoolean()).isTrue();
        ObjectNode sameAgain = old.deepCopy();
        spec(sameAgain).put("location", "eastus");
        assertThat(respond(REDIS_VALIDATE, Reviews.update(old, sameAgain)).path("allowed").asBoolean()).isTrue();
    }

    @Test
    void anOwnerCannotBeAddedAfterCreation() {
        ObjectNode schedule = Reviews.json("""
                {"apiVersion":"cache.azure.com/v1api20230801","kind":"RedisPatchSchedule",
                 "metadata":{"name":"s","namespace":"default","annotations":{"serviceoperator.azure.com/resource-id":"%s/patchSchedules/default"}},
                 "spec":{"azureName":"default"}}""".formatted(ARM_REDIS));
        ObjectNode withOwner = schedule.deepCopy();
        spec(withOwner).putObject("owner").put("name", "cache1");
        JsonNode response = respond("/validate-cache-azure-com-v1api20230801-redispatchschedule",
                Reviews.update(schedule, withOwner));
        assertThat(response.path("allowed").asBoolean()).isFalse();
        assertThat(response.path("status").path("message").asText()).contains("spec.owner: Forbidden:")
                .contains("an owner cannot be added");
    }

    private static String denialOnUpdate(ObjectNode old, ObjectNode updated) {
        JsonNode response = respond(REDIS_VALIDATE, Reviews.update(old, updated));
        assertThat(response.path("allowed").asBoolean()).isFalse();
        return response.path("status").path("message").asText();
    }

    static final String RESOURCE_ID = "serviceoperator.azure.com/resource-id";
    static final String POLLER_TOKEN = "serviceoperator.azure.com/poller-resume-token";

    static ObjectNode withAnnotation(ObjectNode object, String name, String value) {
        ObjectNode copy = object.deepCopy();
        ((ObjectNode) copy.get("metadata").get("annotations")).put(name, value);
        return copy;
    }

    static boolean allowed(ObjectNode review) {
        return respond(REDIS_VALIDATE, review).path("allowed").asBoolean();
    }

    @Test
    void onCreateOnlyTheOperatorSetsItsAnnotations() {
        ObjectNode redis = withAnnotation(Reviews.redis("c1"), RESOURCE_ID, ARM_REDIS);
        // Reviews' user is a cluster admin (system:masters): an admin is refused too
        assertThat(denial(redis)).isEqualTo("Redis.cache.azure.com \"c1\" is invalid: metadata.annotations"
                + "[serviceoperator.azure.com/resource-id]: Forbidden: set by the operator only; remove it from your"
                + " manifest (it is written by the operator when it creates the Azure resource)");
        assertThat(denial(withAnnotation(Reviews.redis("c1"), POLLER_TOKEN, ""))).contains("metadata.annotations"
                + "[serviceoperator.azure.com/poller-resume-token]: Forbidden: set by the operator only; remove it");
        assertThat(allowed(Reviews.as(WebhookTestServer.OPERATOR, Reviews.create(redis)))).isTrue();
        assertThat(allowed(Reviews.as("system:serviceaccount:aso:someone-else", Reviews.create(redis)))).isFalse();
    }

    @Test
    void onUpdateOnlyTheOperatorAddsChangesOrRemovesItsAnnotations() {
        ObjectNode before = Reviews.redis("c1");
        ObjectNode created = withAnnotation(before, RESOURCE_ID, ARM_REDIS);
        ObjectNode redirected = withAnnotation(before, RESOURCE_ID, ARM_RG + "/providers/Microsoft.Cache/redis/other");
        assertThat(denialOnUpdate(before, created)).endsWith("metadata.annotations[serviceoperator.azure.com/"
                + "resource-id]: Forbidden: set by the operator only; remove it from your manifest (it is written by"
                + " the operator when it creates the Azure resource)");
        assertThat(denialOnUpdate(created, redirected)).endsWith("[serviceoperator.azure.com/resource-id]: Forbidden:"
                + " set by the operator only; set it back to \"" + ARM_REDIS + "\" (it is written by the operator when"
                + " it creates the Azure resource)");
        assertThat(denialOnUpdate(created, before)).contains("[serviceoperator.azure.com/resource-id]: Forbidden:"
                + " set by the operator only; it cannot be removed; put it back as \"" + ARM_REDIS + "\"");
        ObjectNode polling = withAnnotation(created, POLLER_TOKEN, "token-1");
        assertThat(denialOnUpdate(polling, withAnnotation(created, POLLER_TOKEN, "token-2")))
                .contains("[serviceoperator.azure.com/poller-resume-token]: Forbidden: set by the operator only;"
                        + " set it back to \"token-1\" (it is written by the operator while an Azure operation runs)");

        // left as they are, anyone may change the rest; the operator may change them
        ObjectNode moved = polling.deepCopy();
        spec(moved).put("location", "eastus");
        assertThat(allowed(Reviews.update(polling, moved))).isTrue();
        assertThat(allowed(Reviews.as(WebhookTestServer.OPERATOR, Reviews.update(before, created)))).isTrue();
        assertThat(allowed(Reviews.as(WebhookTestServer.OPERATOR, Reviews.update(polling, created)))).isTrue();
        assertThat(allowed(Reviews.as(WebhookTestServer.OPERATOR, Reviews.update(created, redirected)))).isTrue();
    }

    @Test
    void twoDestinationsCannotWriteTheSameKey() {
        ObjectNode redis = Reviews.redis("c1");
        ObjectNode operatorSpec = (ObjectNode) spec(redis).get("operatorSpec");
        ((ObjectNode) operatorSpec.get("secrets").get("secondaryKey")).put("key", "primaryKey");
        operatorSpec.putArray("secretExpressions").addObject().put("name", "redis-secret").put("key", "hostName")
                .put("value", "self.spec.location");
        // the same name and key in a ConfigMap is a different object: allowed
        operatorSpec.putArray("configMapExpressions").addObject().put("name", "redis-secret").put("key", "primaryKey")
                .put("value", "self.spec.location");
        String message = denial(redis);
        assertThat(message).contains("spec.operatorSpec.secrets.secondaryKey: Duplicate value: {\"name\":\"redis-secret\","
                + "\"key\":\"primaryKey\"}: Secret \"redis-secret\" key \"primaryKey\" is already written by"
                + " spec.operatorSpec.secrets.primaryKey; choose another name or key for one of them");
        assertThat(message).contains("spec.operatorSpec.secretExpressions[0]: Duplicate value:")
                .contains("already written by spec.operatorSpec.secrets.hostName");
        assertThat(message).doesNotContain("configMapExpressions");
    }

    @Test
    void aValueAndItsFromConfigAreNotBothSet() {
        ObjectNode redis = Reviews.redis("c1");
        spec(redis).put("principalId", "00000000-0000-0000-0000-000000000001");
        spec(redis).putObject("principalIdFromConfig").put("name", "identity").put("key", "principalId");
        assertThat(denial(redis)).contains("spec.principalIdFromConfig: Forbidden: cannot be set together with"
                + " spec.principalId; set the value directly or read it from a ConfigMap, not both");
        spec(redis).remove("principalId");
        assertThat(respond(REDIS_VALIDATE, Reviews.create(redis)).path("allowed").asBoolean()).isTrue();
    }

    @Test
    void reconcilePolicyMustBeKnown() {
        ObjectNode redis = Reviews.redis("c1");
        ((ObjectNode) redis.get("metadata").get("annotations")).put("serviceoperator.azure.com/reconcile-policy", "Skip");
        assertThat(denial(redis)).isEqualTo("Redis.cache.azure.com \"c1\" is invalid: metadata.annotations"
                + "[serviceoperator.azure.com/reconcile-policy]: Unsupported value: \"Skip\": supported values:"
                + " \"manage\", \"skip\", \"detach-on-delete\"");
        for (String policy : new String[]{"manage", "skip", "detach-on-delete"}) {
            ((ObjectNode) redis.get("metadata").get("annotations")).put("serviceoperator.azure.com/reconcile-policy", policy);
            assertThat(respond(REDIS_VALIDATE, Reviews.create(redis)).path("allowed").asBoolean()).as(policy).isTrue();
        }
    }

    @Test
    void syncPeriodMustBeADurationOrNever() {
        ObjectNode redis = Reviews.redis("c1");
        ObjectNode annotations = (ObjectNode) redis.get("metadata").get("annotations");
        for (String bad : new String[]{"1 hour", "0s", "-5m", "daily", ""}) {
            annotations.put("serviceoperator.azure.com/sync-period", bad);
            assertThat(denial(redis)).as(bad).isEqualTo("Redis.cache.azure.com \"c1\" is invalid: metadata.annotations"
                    + "[serviceoperator.azure.com/sync-period]: Invalid value: \"" + bad + "\": must be a positive duration such"
                    + " as 15m, 1h or 1h30m, or never (it overrides AZURE_SYNC_PERIOD for this resource)");
        }
        for (String good : new String[]{"15m", "1h30m", "45s", "24h", "never", "Never"}) {
            annotations.put("serviceoperator.azure.com/sync-period", good);
            assertThat(respond(REDIS_VALIDATE, Reviews.create(redis)).path("allowed").asBoolean()).as(good).isTrue();
        }
    }

    @Test
    void theJsonSchemaCatchesWhatTheCrdCannotExpress() {
        ObjectNode redis = Reviews.redis("c1");
        spec(redis).put("azureName", "-bad-name-");
        spec(redis).put("minimumTlsVersion", "0.9");
        spec(redis).remove("location");
        String message = denial(redis);
        assertThat(message).contains("spec.azureName: Invalid value: \"-bad-name-\": does not match the regex pattern");
        assertThat(message).contains("spec.minimumTlsVersion: Invalid value: \"0.9\":");
        // the CRD schema requires location too: kube-apiserver has refused such an object before calling the webhook
        assertThat(message).doesNotContain("spec.location");
    }

    @Test
    void deprecatedVersionsWarnAndNameTheVersionToUse() {
        ObjectNode rg = Reviews.resourceGroup("resources.azure.com/v1beta20200601", "rg1");
        JsonNode response = respond("/validate-resources-azure-com-v1beta20200601-resourcegroup", Reviews.create(rg));
        assertThat(response.path("allowed").asBoolean()).isTrue();
        assertThat(response.path("warnings").get(0).asText()).isEqualTo("resources.azure.com/v1beta20200601"
                + " ResourceGroup is deprecated; use resources.azure.com/v1api20200601 instead");
        ObjectNode current = Reviews.resourceGroup("resources.azure.com/v1api20200601", "rg1");
        assertThat(respond("/validate-resources-azure-com-v1api20200601-resourcegroup", Reviews.create(current))
                .has("warnings")).isFalse();
    }

    @Test
    void deleteIsAlwaysAllowed() {
        ObjectNode broken = Reviews.redis("c1");
        spec(broken).putObject("owner");
        JsonNode response = respond(REDIS_VALIDATE, Reviews.admission("admission.k8s.io/v1", "DELETE", null, broken));
        assertThat(response.path("allowed").asBoolean()).isTrue();
    }

    @Test
    void anObjectOfAnotherKindIsABadRequestReview() {
        ObjectNode rg = Reviews.resourceGroup("resources.azure.com/v1api20200601", "rg1");
        JsonNode response = respond(REDIS_VALIDATE, Reviews.create(rg));
        assertThat(response.path("allowed").asBoolean()).isFalse();
        assertThat(response.path("status").path("code").asInt()).isEqualTo(400);
        assertThat(response.path("status").path("message").asText()).contains("this webhook handles"
                + " cache.azure.com/v1api20230801 Redis");
    }

    @Test
    void deniedRequestsAreCounted() {
        double before = server.metric("aso_webhook_rejected_total{webhook=\"" + REDIS_VALIDATE + "\"}");
        ObjectNode redis = Reviews.redis("c1");
        spec(redis).putObject("owner");
        denial(redis);
        assertThat(server.metric("aso_webhook_rejected_total{webhook=\"" + REDIS_VALIDATE + "\"}")).isEqualTo(before + 1);
    }
}
