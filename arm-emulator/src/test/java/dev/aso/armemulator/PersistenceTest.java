package dev.aso.armemulator;

import static dev.aso.armemulator.RawArm.SUB;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aso.armemulator.RawArm.Response;
import dev.aso.armemulator.config.EmulatorConfig;
import dev.aso.armemulator.config.LroPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** State saved on shutdown and loaded at start: resources, running operations, secrets, tokens, the CA. */
class PersistenceTest {
    static final String API = "2024-11-01";

    @TempDir
    Path dir;

    private ArmEmulator start() {
        EmulatorConfig config = new EmulatorConfig(null, null, null,
                Map.of("Microsoft.Cache/redis", new LroPolicy(true, true, 3, 0L, 1)), null, null, null, null, null, null, null);
        return ArmEmulator.builder().typesDir(Path.of("../azure-types")).config(config)
                .stateFile(dir.resolve("state.json")).certDir(dir.resolve("certs")).build().start();
    }

    @Test
    void aRestartKeepsResourcesOperationsKeysTokensAndTheCa() throws Exception {
        String cache = SUB + "/resourceGroups/rg-saved/providers/Microsoft.Cache/redis/c1";
        ArmEmulator first = start();
        RawArm arm = new RawArm(first);
        arm.resourceGroup("rg-saved");
        Response put = arm.put(cache, API, "{\"location\":\"westus\",\"properties\":{\"sku\":{\"name\":\"Basic\",\"family\":\"C\",\"capacity\":0}}}");
        String operation = put.header("Azure-AsyncOperation").substring(first.baseUrl().length());
        assertThat(arm.call("GET", operation, null).json().path("status").asText()).isEqualTo("InProgress");
        JsonNode keys = arm.post(cache + "/listKeys", API, null).json(); // reads count as observations: 2 of 3
        String ca = first.caCertificatePem();
        String token = arm.token;
        first.stop();

        Path state = dir.resolve("state.json");
        assertThat(state).exists();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(state))).isEqualTo("rw-------");
        assertThat(Files.readString(state)).doesNotContain(keys.path("primaryKey").asText());

        ArmEmulator second = start();
        try {
            assertThat(second.caCertificatePem()).isEqualTo(ca);
            RawArm again = new RawArm(second);
            again.token = token;
            assertThat(again.get(SUB + "/resourceGroups/rg-saved", "2020-06-01").status()).as("old token, same resource group").isEqualTo(200);
            assertThat(again.call("GET", operation, null).json().path("status").asText()).isEqualTo("InProgress");
            assertThat(again.call("GET", operation, null).json().path("status").asText()).isEqualTo("Succeeded");
            assertThat(again.get(cache, API).json().path("properties").path("provisioningState").asText()).isEqualTo("Succeeded");
            assertThat(again.post(cache + "/listKeys", API, null).json()).isEqualTo(keys);
        } finally {
            second.stop();
        }
    }

    @Test
    void anUnreadableStateFileIsAClearError() throws Exception {
        Files.writeString(dir.resolve("state.json"), "{not json");
        org.assertj.core.api.Assertions.assertThatThrownBy(this::start)
                .hasMessageContaining("cannot read the state file").hasMessageContaining("delete it to start empty");
    }
}
