package dev.aso.armemulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.management.Region;
import com.azure.core.management.exception.ManagementException;
import com.azure.resourcemanager.resources.ResourceManager;
import com.azure.resourcemanager.resources.models.ResourceGroup;
import dev.aso.armemulator.config.EmulatorConfig;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Resource groups through azure-resourcemanager-resources with a ClientSecretCredential. */
class SdkResourceGroupTest {
    static ArmEmulator emulator;
    static Sdk sdk;

    @BeforeAll
    static void start() {
        EmulatorConfig config = new EmulatorConfig(null, null, null, null, Map.of(), null, null, null, null, null, null);
        emulator = ArmEmulator.builder().typesDir(Path.of("../azure-types")).config(config).build().start();
        sdk = new Sdk(emulator);
    }

    @AfterAll
    static void stop() {
        emulator.stop();
    }

    @Test
    void createReadUpdateDeleteResourceGroup() {
        ResourceManager rm = sdk.resources();
        ResourceGroup rg = rm.resourceGroups().define("rg-crud").withRegion(Region.US_WEST).withTag("team", "a").create();
        assertThat(rg.id()).isEqualTo("/subscriptions/" + EmulatorConfig.DEFAULT_SUBSCRIPTION + "/resourceGroups/rg-crud");
        assertThat(rg.provisioningState()).isEqualTo("Succeeded");
        assertThat(rg.regionName()).isEqualTo("westus");

        ResourceGroup read = rm.resourceGroups().getByName("RG-CRUD");
        assertThat(read.name()).isEqualTo("rg-crud");
        assertThat(read.tags()).isEqualTo(Map.of("team", "a"));

        read.update().withTag("env", "test").apply();
        assertThat(rm.resourceGroups().getByName("rg-crud").tags()).containsEntry("env", "test").containsEntry("team", "a");
        assertThat(rm.resourceGroups().contain("rg-crud")).isTrue();
        assertThat(rm.resourceGroups().list().stream().map(ResourceGroup::name)).contains("rg-crud");

        rm.resourceGroups().deleteByName("rg-crud");
        assertThat(rm.resourceGroups().contain("rg-crud")).isFalse();
        assertThatThrownBy(() -> rm.resourceGroups().getByName("rg-crud"))
                .isInstanceOfSatisfying(ManagementException.class, e -> {
                    assertThat(e.getResponse().getStatusCode()).isEqualTo(404);
                    assertThat(e.getValue().getCode()).isEqualTo("ResourceGroupNotFound");
                });
    }
}
