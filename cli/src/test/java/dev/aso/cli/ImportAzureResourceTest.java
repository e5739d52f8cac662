package dev.aso.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code asoctl import azure-resource} against the ARM emulator: a resource group with one resource of each kind family. */
class ImportAzureResourceTest {

    @RegisterExtension
    static final SampleAzure SAMPLE = new SampleAzure("aso-import");
    static final SampleGroup AZURE = SAMPLE.group();
    static final String RG = AZURE.rg();
    static final String BLOB = AZURE.blob();
    static final String CONTAINER = AZURE.container();
    static final String REDIS = AZURE.redis();
    static final String PG = AZURE.pg();
    static final String PASSWORD = SampleGroup.PASSWORD;

    @TempDir
    static Path dir;
    static EmulatorFixture fx;

    @BeforeAll
    static void azure() {
        fx = SAMPLE.fx();
    }

    @Test
    void importsTheResourceGroupAndEverythingUnderIt() throws Exception {
        Path file = dir.resolve("imported.yaml");
        AsoctlRun run = fx.asoctl("import", "azure-resource", RG, "-o", file.toString(), "-n", "team-a",
                "-l", "imported-by=asoctl", "-a", "serviceoperator.azure.com/reconcile-policy=skip");

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.stdout()).isEmpty();
        String yaml = Files.readString(file);
        List<ObjectNode> manifests = Manifests.parseYaml(yaml);
        Map<String, ObjectNode> byName = manifests.stream().collect(Collectors.toMap(
                m -> m.path("kind").asText() + "/" + m.path("metadata").path("name").asText(), m -> m));
        assertThat(byName).containsOnlyKeys("ResourceGroup/aso-import",
                "StorageAccount/aso-import-asoimportstore",
                "StorageAccountsBlobService/aso-import-asoimportstore-default",
                "StorageAccountsBlobServicesContainer/aso-import-asoimportstore-default-data",
                "Redis/aso-import-aso-import-redis",
                "FlexibleServer/aso-import-aso-import-pg",
                "FlexibleServersDatabase/aso-import-aso-import-pg-appdb",
                "FlexibleServersFirewallRule/aso-import-aso-import-pg-office");

        // newest served versions, owners by name, metadata from the flags
        assertThat(byName.get("Redis/aso-import-aso-import-redis").path("apiVersion").asText()).isEqualTo("cache.azure.com/v1api20241101");
        assertThat(byName.get("StorageAccountsBlobServicesContainer/aso-import-asoimportstore-default-data").at("/spec/owner/name").asText())
                .isEqualTo("aso-import-asoimportstore-default");
        assertThat(byName.get("FlexibleServersDatabase/aso-import-aso-import-pg-appdb").at("/spec/owner/name").asText())
                .isEqualTo("aso-import-aso-import-pg");
        assertThat(byName.get("ResourceGroup/aso-import").path("spec").has("owner")).isFalse();
        for (ObjectNode m : manifests) {
            assertThat(m.at("/metadata/namespace").asText()).isEqualTo("team-a");
            assertThat(m.at("/metadata/labels/imported-by").asText()).isEqualTo("asoctl");
            assertThat(m.at("/metadata/annotations").path("serviceoperator.azure.com/reconcile-policy").asText()).isEqualTo("skip");
            assertThat(m.has("status")).isFalse();
        }
        // read-only values out, secrets never in
        ObjectNode pg = byName.get("FlexibleServer/aso-import-aso-import-pg");
        assertThat(pg.at("/spec/administratorLogin").asText()).isEqualTo("pgadmin");
        assertThat(pg.path("spec").has("administratorLoginPassword")).isFalse();
        assertThat(pg.path("spec").has("provisioningState")).isFalse();
        assertThat(yaml).doesNotContain(PASSWORD).doesNotContain("provisioningState");
        assertThat(run.stderr()).contains("skipped: " + PG + "/databases/azure_sys")
                .contains("skipped: " + PG + "/databases/postgres").contains("skipped: " + PG + "/databases/azure_maintenance")
                .contains("spec.administratorLoginPassword is a secret input Azure does not return")
                .contains("imported 8, skipped 3, unsupported 0, failed 0");
        // that applying them would write nothing is PlanTest's: asoctl plan on an import, with the controller's drift check
    }

    @Test
    void aChildAloneGetsItsOwnerByArmIdAndJsonOnStdout() {
        AsoctlRun run = fx.asoctl("import", "azure-resource", CONTAINER, "--format", "json", "-q");

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.stdout()).contains("\"kind\" : \"List\"").contains("\"armId\" : \"" + BLOB + "\"")
                .contains("\"name\" : \"data\"");
        assertThat(run.stderr()).doesNotContain("imported storage.azure.com").contains("imported 1, skipped 0");
    }

    @Test
    void unsupportedTypesAreListedAndTheRestIsStillWritten() throws Exception {
        String ipGroup = RG + "/providers/Microsoft.Network/ipGroups/group1";
        Path folder = dir.resolve("per-resource");
        AsoctlRun run = fx.asoctl("import", "azure-resource", REDIS, ipGroup, "-f", folder.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.stderr()).contains("unsupported: " + ipGroup + ": ARM type Microsoft.Network/ipGroups has no kind")
                .contains("imported 1, skipped 0, unsupported 1, failed 0").doesNotContain("Exception");
        assertThat(Files.readString(folder.resolve("redis-aso-import-redis.yaml"))).contains("armId: " + RG);
    }

    @Test
    void aMissingResourceFailsNamingItAndABadIdIsUsage() {
        AsoctlRun missing = fx.asoctl("import", "azure-resource", RG + "/providers/Microsoft.Cache/redis/nope");
        assertThat(missing.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(missing.stderr()).contains("failed: " + RG + "/providers/Microsoft.Cache/redis/nope: ResourceNotFound (HTTP 404)")
                .doesNotContain("\tat ");

        AsoctlRun bad = fx.asoctl("import", "azure-resource", "not-an-id");
        assertThat(bad.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(bad.stderr()).contains("'not-an-id' is not an ARM resource id");

        assertThat(fx.asoctl("import", "azure-resource").exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(fx.asoctl("import", "azure-resource", RG, "--bogus").exitCode()).isEqualTo(ExitCodes.USAGE);
    }
}
