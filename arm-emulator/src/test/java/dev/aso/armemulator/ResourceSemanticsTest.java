package dev.aso.armemulator;

import static dev.aso.armemulator.RawArm.SUB;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aso.armemulator.RawArm.Response;
import dev.aso.armemulator.config.EmulatorConfig;
import dev.aso.armemulator.config.LroPolicy;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** ARM semantics at the HTTP level: api-version checks, validation, nested resources, lists, case-insensitive ids. */
class ResourceSemanticsTest {
    static final String REDIS_API = "2024-11-01";
    static final String REDIS_BODY = "{\"location\":\"West US\",\"properties\":{\"sku\":{\"name\":\"Basic\",\"family\":\"C\",\"capacity\":0}}}";

    static ArmEmulator emulator;
    static RawArm arm;

    @BeforeAll
    static void start() {
        // synchronous writes keep these tests about semantics; LroProtocolTest covers operations
        EmulatorConfig config = new EmulatorConfig(null, null, new LroPolicy(false, false, 0, 0L, 0), null, null, null, null, null,
                null, null, null);
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
    void apiVersionIsRequiredAndChecked() {
        arm.resourceGroup("rg-versions");
        Response missing = arm.call("GET", redis("rg-versions", "c1"), null);
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.code()).isEqualTo("MissingApiVersionParameter");

        Response unknownVersion = arm.put(redis("rg-versions", "c1"), "2099-01-01", REDIS_BODY);
        assertThat(unknownVersion.status()).isEqualTo(400);
        assertThat(unknownVersion.code()).isEqualTo("NoRegisteredProviderFound");
        assertThat(unknownVersion.message()).contains("2099-01-01").contains("2023-04-01, 2023-08-01, 2024-03-01, 2024-11-01");

        Response unknownType = arm.get(SUB + "/resourceGroups/rg-versions/providers/Microsoft.Cache/nosuch/x", REDIS_API);
        assertThat(unknownType.status()).isEqualTo(400);
        assertThat(unknownType.code()).isEqualTo("InvalidResourceType");
        assertThat(unknownType.message()).contains("'nosuch'").contains("Microsoft.Cache");

        Response readOnlyType = arm.put(SUB + "/resourceGroups/rg-versions/providers/Microsoft.ManagedIdentity/identities/default",
                "2023-01-31", "{}");
        assertThat(readOnlyType.status()).isEqualTo(400);
        assertThat(readOnlyType.message()).contains("cannot be created").contains("read-only");
        Response wrongScope = arm.put(SUB + "/providers/Microsoft.Cache/redis/c1", REDIS_API, REDIS_BODY);
        assertThat(wrongScope.status()).isEqualTo(400);
        assertThat(wrongScope.message()).isEqualTo("The resource type 'Microsoft.Cache/redis' cannot be created at subscription level.");

        Response unknownNamespace = arm.get(SUB + "/resourceGroups/rg-versions/providers/Microsoft.Nope/things/x", REDIS_API);
        assertThat(unknownNamespace.code()).isEqualTo("InvalidResourceNamespace");
    }

    @Test
    void bodiesAreValidatedAgainstTheTypeWithArmErrorShape() {
        arm.resourceGroup("rg-validate");
        Response noSku = arm.put(redis("rg-validate", "c1"), REDIS_API, "{\"location\":\"westus\",\"properties\":{}}");
        assertThat(noSku.status()).isEqualTo(400);
        assertThat(noSku.code()).isEqualTo("InvalidRequestContent");
        assertThat(noSku.message()).contains("'properties.sku' is required");
        assertThat(noSku.json().path("error").path("details").get(0).path("target").asText()).isEqualTo("properties.sku");

        Response badTypes = arm.put(redis("rg-validate", "c1"), REDIS_API,
                "{\"location\":\"westus\",\"properties\":{\"sku\":{\"name\":\"Basic\",\"family\":\"C\",\"capacity\":\"big\"},"
                        + "\"staticIP\":\"not-an-ip\",\"enableNonSslPort\":\"yes\"}}");
        assertThat(badTypes.message())
                .contains("'properties.sku.capacity' must be an integer, found the string 'big'")
                .contains("'properties.staticIP' must match the pattern")
                .contains("'properties.enableNonSslPort' must be a boolean");

        Response noLocation = arm.put(redis("rg-validate", "c1"), REDIS_API, "{\"properties\":{\"sku\":{\"name\":\"Basic\",\"family\":\"C\",\"capacity\":0}}}");
        assertThat(noLocation.message()).contains("'location' is required");

        Response notJson = arm.put(redis("rg-validate", "c1"), REDIS_API, "{\"location\": ");
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.code()).isEqualTo("InvalidRequestContent");
        assertThat(notJson.message()).contains("could not be deserialized");

        arm.put(redis("rg-validate", "c1"), REDIS_API, REDIS_BODY);
        Response badEnum = arm.put(redis("rg-validate", "c1") + "/patchSchedules/default", REDIS_API,
                "{\"properties\":{\"scheduleEntries\":[{\"dayOfWeek\":\"Funday\",\"startHourUtc\":2}]}}");
        assertThat(badEnum.status()).isEqualTo(400);
        assertThat(badEnum.message()).contains("'properties.scheduleEntries[0].dayOfWeek' must be one of 'Monday', 'Tuesday'")
                .contains("found 'Funday'");

        Response longName = arm.put(SUB + "/resourceGroups/" + "x".repeat(91), "2020-06-01", "{\"location\":\"westus\"}");
        assertThat(longName.status()).isEqualTo(400);
        assertThat(longName.code()).isEqualTo("InvalidResourceGroup");
        assertThat(longName.message()).contains("at most 90 characters");
    }

    @Test
    void readOnlyInputIsIgnoredAndServerValuesAreFilled() {
        Response rg = arm.put(SUB + "/resourceGroups/rg-readonly", "2020-06-01",
                "{\"location\":\"westus\",\"id\":\"/bogus\",\"properties\":{\"provisioningState\":\"Failed\"},\"unknownField\":1}");
        assertThat(rg.status()).isEqualTo(201);
        assertThat(rg.json().path("id").asText()).isEqualTo(SUB + "/resourceGroups/rg-readonly");
        assertThat(rg.json().path("properties").path("provisioningState").asText()).isEqualTo("Succeeded");
        assertThat(rg.json().has("unknownField")).isFalse();

        Response identity = arm.put(SUB + "/resourceGroups/rg-readonly/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id1",
                "2023-01-31", "{\"location\":\"westus\",\"properties\":{\"principalId\":\"forged\"}}");
        assertThat(identity.status()).isEqualTo(201);
        assertThat(identity.json().path("properties").path("tenantId").asText()).isEqualTo(EmulatorConfig.DEFAULT_TENANT);
        String principal = identity.json().path("properties").path("principalId").asText();
        assertThat(principal).matches("[0-9a-f-]{36}").isNotEqualTo("forged");
        assertThat(identity.json().path("properties").path("clientId").asText()).matches("[0-9a-f-]{36}").isNotEqualTo(principal);
        assertThat(identity.json().path("type").asText()).isEqualTo("Microsoft.ManagedIdentity/userAssignedIdentities");
        assertThat(identity.json().path("systemData").path("createdBy").asText()).isEqualTo(EmulatorConfig.DEFAULT_CLIENT);

        Response again = arm.put(SUB + "/resourceGroups/rg-readonly/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id1",
                "2023-01-31", "{\"location\":\"westus\",\"tags\":{\"a\":\"b\"}}");
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().path("properties").path("principalId").asText()).isEqualTo(principal);

        Response redis = arm.put(redis("rg-readonly", "Cache1"), REDIS_API, REDIS_BODY);
        assertThat(redis.json().path("location").asText()).isEqualTo("westus");
        assertThat(redis.json().path("properties").path("hostName").asText()).isEqualTo("cache1.redis.cache.windows.net");
        assertThat(redis.json().path("properties").path("sslPort").asInt()).isEqualTo(6380);
    }

    @Test
    void nestedResourcesNeedTheirParentAndListByParent() {
        Response noRg = arm.put(redis("rg-missing", "c1"), REDIS_API, REDIS_BODY);
        assertThat(noRg.status()).isEqualTo(404);
        assertThat(noRg.code()).isEqualTo("ResourceGroupNotFound");
        assertThat(noRg.message()).isEqualTo("Resource group 'rg-missing' could not be found.");

        arm.resourceGroup("rg-nested");
        String rule = "{\"properties\":{\"startIP\":\"10.0.0.1\",\"endIP\":\"10.0.0.9\"}}";
        Response orphan = arm.put(redis("rg-nested", "c1") + "/firewallRules/r1", REDIS_API, rule);
        assertThat(orphan.status()).isEqualTo(404);
        assertThat(orphan.code()).isEqualTo("ParentResourceNotFound");
        assertThat(orphan.message()).contains("Microsoft.Cache/redis/c1");

        assertThat(arm.put(redis("rg-nested", "c1"), REDIS_API, REDIS_BODY).status()).isEqualTo(201);
        assertThat(arm.put(redis("rg-nested", "c1") + "/firewallRules/r1", REDIS_API, rule).status()).isEqualTo(201);
        assertThat(arm.put(redis("rg-nested", "c1") + "/firewallRules/r2", REDIS_API, rule).status()).isEqualTo(201);

        Response rules = arm.get(redis("rg-nested", "C1") + "/firewallRules", REDIS_API);
        assertThat(rules.status()).isEqualTo(200);
        assertThat(rules.json().path("value")).hasSize(2);
        assertThat(rules.json().path("value").get(0).path("id").asText()).isEqualTo(redis("rg-nested", "c1") + "/firewallRules/r1");
        assertThat(rules.json().path("value").get(0).path("type").asText()).isEqualTo("Microsoft.Cache/redis/firewallRules");

        Response caches = arm.get(SUB + "/resourceGroups/RG-NESTED/providers/microsoft.cache/REDIS", REDIS_API);
        assertThat(caches.json().path("value")).hasSize(1);

        Response missing = arm.get(redis("rg-nested", "c2"), REDIS_API);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.code()).isEqualTo("ResourceNotFound");
        assertThat(missing.message()).contains("'Microsoft.Cache/redis/c2' under resource group 'rg-nested' was not found");

        Response deleted = arm.delete(redis("rg-nested", "c1"), REDIS_API);
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(arm.get(redis("rg-nested", "c1") + "/firewallRules/r1", REDIS_API).code()).isEqualTo("ParentResourceNotFound");
        assertThat(arm.delete(redis("rg-nested", "c1"), REDIS_API).status()).isEqualTo(204);
    }

    @Test
    void idsAreCaseInsensitiveAndKeepTheirCreationCasing() {
        arm.resourceGroup("Rg-Case");
        arm.put(redis("Rg-Case", "MyCache"), REDIS_API, REDIS_BODY);
        Response r = arm.get(SUB.toUpperCase() + "/RESOURCEGROUPS/rg-case/PROVIDERS/MICROSOFT.CACHE/Redis/mycache", REDIS_API);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().path("id").asText()).isEqualTo(SUB + "/resourceGroups/Rg-Case/providers/Microsoft.Cache/redis/MyCache");
        assertThat(r.json().path("name").asText()).isEqualTo("MyCache");
    }

    @Test
    void patchMergesPropertiesAndReplacesTags() {
        arm.resourceGroup("rg-patch");
        arm.put(redis("rg-patch", "c1"), REDIS_API,
                "{\"location\":\"westus\",\"tags\":{\"a\":\"1\",\"b\":\"2\"},\"properties\":{\"sku\":{\"name\":\"Basic\",\"family\":\"C\",\"capacity\":0}}}");
        Response p = arm.call("PATCH", redis("rg-patch", "c1") + "?api-version=" + REDIS_API,
                "{\"tags\":{\"c\":\"3\"},\"properties\":{\"sku\":{\"capacity\":1}}}");
        assertThat(p.status()).isEqualTo(200);
        assertThat(p.json().path("tags")).hasSize(1);
        assertThat(p.json().path("tags").path("c").asText()).isEqualTo("3");
        assertThat(p.json().path("properties").path("sku").path("capacity").asInt()).isEqualTo(1);
        assertThat(p.json().path("properties").path("sku").path("name").asText()).isEqualTo("Basic");

        Response moved = arm.put(redis("rg-patch", "c1"), REDIS_API, REDIS_BODY.replace("West US", "eastus"));
        assertThat(moved.status()).isEqualTo(400);
        assertThat(moved.code()).isEqualTo("InvalidResourceLocation");
    }

    @Test
    void providerListsTypesAndVersions() {
        Response p = arm.get(SUB + "/providers/Microsoft.Cache", REDIS_API);
        assertThat(p.status()).isEqualTo(200);
        assertThat(p.json().path("registrationState").asText()).isEqualTo("Registered");
        assertThat(p.json().path("resourceTypes").toString()).contains("\"resourceType\":\"redis\"").contains("2024-11-01");
        Response all = arm.get(SUB + "/providers", REDIS_API);
        assertThat(all.json().path("value").findValuesAsText("namespace")).contains("Microsoft.Cache", "Microsoft.ManagedIdentity",
                "Microsoft.Resources");
    }
}
