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
        Response put = arm.put(account, STORAGE_API, "{\"location\":\"westus\",\"kind\":\"StorageV2\",\"sku\":{\"name\":\"Standard_LRS\"}}");
        assertThat(put.status()).as(put.json().toString()).isEqualTo(201);
        JsonNode keys = arm.post(account + "/listKeys", STORAGE_API, null).json().path("keys");
        assertThat(keys).hasSize(2);
        assertThat(keys.get(0).path("keyName").asText()).isEqualTo("key1");
        assertThat(keys.get(1).path("keyName").asText()).isEqualTo("key2");
        JsonNode after = arm.post(account + "/regenerateKey", STORAGE_API, "{\"keyName\":\"key2\"}").json().path("keys");
        assertThat(after.get(0).path("value")).isEqualTo(keys.get(0).path("value"));
        assertThat(after.get(1).path("value")).isNotEqualTo(keys.get(1).path("value"));
    }
}
