package dev.aso.armemulator;

import static dev.aso.armemulator.RawArm.SUB;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aso.armemulator.RawArm.Response;
import dev.aso.armemulator.config.EmulatorConfig;
import dev.aso.armemulator.config.LroPolicy;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** POST actions generated from the type definitions' resource functions. */
class ActionsTest {
    static final String REDIS_API = "2024-11-01";
    static final String STORAGE_API = "2023-01-01";
    static ArmEmulator emulator;
    static RawArm arm;

    @BeforeAll
    static void start() {
        EmulatorConfig config = new EmulatorConfig(null, null, new LroPolicy(false, false, 0, 0L, 1), null, null, null, null,
                "fixed-seed", null, null, null);
        emulator = ArmEmulator.builder().typesDir(Path.of("../azure-types")).config(config).build().start();
        arm = new RawArm(emulator);
        arm.resourceGroup("rg-actions");
    }

    @AfterAll
    static void stop() {
        emulator.stop();
    }

    @Test
    void redisKeysAreStableAndRegenerateOneAtATime() {
        String cache = SUB + "/resourceGroups/rg-actions/providers/Microsoft.Cache/redis/c1";
        arm.put(cache, REDIS_API, "{\"location\":\"westus\",\"properties\":{\"sku\":{\"name\":\"Basic\",\"family\":\"C\",\"capacity\":0}}}");
        JsonNode keys = arm.post(cache + "/listKeys", REDIS_API, null).json();
        assertThat(keys.path("primaryKey").asText()).hasSize(44).isNotEqualTo(keys.path("secondaryKey").asText());
        assertThat(arm.post(cache + "/listKeys", REDIS_API, null).json()).isEqualTo(keys);

        JsonNode regenerated = arm.post(cache + "/regenerateKey", REDIS_API, "{\"keyType\":\"Secondary\"}").json();
        assertThat(regenerated.path("primaryKey")).isEqualTo(keys.path("primaryKey"));
        assertThat(regenerated.path("secondaryKey")).isNotEqualTo(keys.path("secondaryKey"));
        assertThat(arm.post(cache + "/listKeys", REDIS_API, null).json()).isEqualTo(regenerated);

        Response badInput = arm.post(cache + "/regenerateKey", REDIS_API, "{\"keyType\":\"Tertiary\"}");
        assertThat(badInput.status()).isEqualTo(400);
        assertThat(badInput.code()).isEqualTo("InvalidRequestContent");
        assertThat(badInput.message()).contains("'keyType' must be one of 'Primary', 'Secondary'");

        Response unknown = arm.post(cache + "/listSecrets", REDIS_API, null);
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.code()).isEqualTo("InvalidResourceType");
        Response missing = arm.post(SUB + "/resourceGroups/rg-actions/providers/Microsoft.Cache/redis/none/listKeys", REDIS_API, null);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.code()).isEqualTo("ResourceNotFound");
    }

    @Test
    void storageKeysAreAListOfNamedKeys() {
        String account = SUB + "/resourceGroups/rg-actions/providers/Microsoft.Storage/storageAccounts/acct1";
        created(account, STORAGE_API, "{\"location\":\"westus\",\"kind\":\"StorageV2\",\"sku\":{\"name\":\"Standard_LRS\"}}");
        JsonNode keys = arm.post(account + "/listKeys", STORAGE_API, null).json().path("keys");
        assertThat(keys).hasSize(2);
        assertThat(keys.get(0).path("keyName").asText()).isEqualTo("key1");
        assertThat(keys.get(1).path("keyName").asText()).isEqualTo("key2");
        JsonNode after = arm.post(account + "/regenerateKey", STORAGE_API, "{\"keyName\":\"key2\"}").json().path("keys");
        assertThat(after.get(0).path("value")).isEqualTo(keys.get(0).path("value"));
        assertThat(after.get(1).path("value")).isNotEqualTo(keys.get(1).path("value"));
    }

    static void created(String id, String apiVersion, String body) {
        Response put = arm.put(id, apiVersion, body);
        assertThat(put.status()).as(put.json().toString()).isEqualTo(201);
    }

    @Test
    void kubeconfigsAreBase64KubeconfigYaml() {
        String cluster = SUB + "/resourceGroups/rg-actions/providers/Microsoft.ContainerService/managedClusters/aks1";
        created(cluster, "2024-09-01", "{\"location\":\"westus\",\"properties\":{\"dnsPrefix\":\"aks1\"}}");
        JsonNode admin = arm.post(cluster + "/listClusterAdminCredential", "2024-09-01", null).json().path("kubeconfigs");
        assertThat(admin).hasSize(1);
        assertThat(admin.get(0).path("name").asText()).isEqualTo("clusterAdmin");
        String yaml = new String(java.util.Base64.getDecoder().decode(admin.get(0).path("value").asText()),
                java.nio.charset.StandardCharsets.UTF_8);
        assertThat(yaml).startsWith("apiVersion: v1\n").contains("kind: Config", "server: https://aks1-dns.hcp.westus.azmk8s.io:443",
                "name: clusterAdmin_rg-actions_aks1").doesNotContain("{secret", "{name");
        JsonNode user = arm.post(cluster + "/listClusterUserCredential", "2024-09-01", null).json().path("kubeconfigs");
        assertThat(user.get(0).path("value").asText()).isNotEqualTo(admin.get(0).path("value").asText());
    }

    @Test
    void serviceBusNamespacesHaveTheirRootRuleWithConnectionStrings() {
        String ns = SUB + "/resourceGroups/rg-actions/providers/Microsoft.ServiceBus/namespaces/SbNs1";
        created(ns, "2021-11-01", "{\"location\":\"westus\",\"sku\":{\"name\":\"Standard\"}}");
        assertThat(arm.get(ns, "2021-11-01").json().path("properties").path("serviceBusEndpoint").asText())
                .isEqualTo("https://sbns1.servicebus.windows.net:443/");
        JsonNode rule = arm.get(ns + "/AuthorizationRules/RootManageSharedAccessKey", "2021-11-01").json();
        assertThat(rule.path("properties").path("rights")).hasSize(3);
        JsonNode keys = arm.post(ns + "/AuthorizationRules/RootManageSharedAccessKey/listKeys", "2021-11-01", null).json();
        assertThat(keys.path("keyName").asText()).isEqualTo("RootManageSharedAccessKey");
        assertThat(keys.path("primaryConnectionString").asText()).isEqualTo("Endpoint=sb://sbns1.servicebus.windows.net/;"
                + "SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=" + keys.path("primaryKey").asText());
        assertThat(keys.path("secondaryConnectionString").asText()).endsWith(keys.path("secondaryKey").asText());
    }

    @Test
    void appConfigurationKeysAreTheFourNamedOnes() {
        String store = SUB + "/resourceGroups/rg-actions/providers/Microsoft.AppConfiguration/configurationStores/conf1";
        created(store, "2022-05-01", "{\"location\":\"westus\",\"sku\":{\"name\":\"standard\"}}");
        JsonNode keys = arm.post(store + "/listKeys", "2022-05-01", null).json().path("value");
        assertThat(keys).extracting(k -> k.path("name").asText())
                .containsExactly("Primary", "Secondary", "Primary Read Only", "Secondary Read Only");
        assertThat(keys.get(2).path("readOnly").asBoolean()).isTrue();
        JsonNode primary = keys.get(0);
        assertThat(primary.path("connectionString").asText()).isEqualTo("Endpoint=https://conf1.azconfig.io;Id="
                + primary.path("id").asText() + ";Secret=" + primary.path("value").asText());
    }
}
