package dev.aso.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aso.api.meta.KindCatalog;
import dev.aso.api.meta.KindMeta;
import dev.aso.api.meta.VersionMeta;
import dev.aso.controller.reconcile.DriftProbe;
import dev.aso.conversion.HubConverter;
import dev.aso.conversion.arm.ArmInputs;
import dev.aso.conversion.arm.ArmPayloads;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code asoctl import azure-resource} against the ARM emulator: a resource group with one resource of each kind family. */
class ImportAzureResourceTest {

    static final String RG = "/subscriptions/" + EmulatorFixture.SUBSCRIPTION + "/resourceGroups/aso-import";
    static final String STORAGE = RG + "/providers/Microsoft.Storage/storageAccounts/asoimportstore";
    static final String BLOB = STORAGE + "/blobServices/default";
    static final String CONTAINER = BLOB + "/containers/data";
    static final String REDIS = RG + "/providers/Microsoft.Cache/redis/aso-import-redis";
    static final String PG = RG + "/providers/Microsoft.DBforPostgreSQL/flexibleServers/aso-import-pg";
    static final String PASSWORD = "Sup3r-Secret-Value";

    @TempDir
    static Path dir;
    static EmulatorFixture fx;
    static final KindCatalog CATALOG = KindCatalog.load();

    @BeforeAll
    static void azure() {
        fx = new EmulatorFixture(dir);
        fx.put(RG, "2020-06-01", "{\"location\": \"westus2\", \"tags\": {\"team\": \"data\"}}");
        fx.put(STORAGE, "2023-01-01", "{\"location\": \"westus2\", \"kind\": \"StorageV2\", \"sku\": {\"name\": \"Standard_LRS\"},"
                + " \"properties\": {\"accessTier\": \"Hot\", \"minimumTlsVersion\": \"TLS1_2\"}}");
        fx.put(BLOB, "2023-01-01", "{\"properties\": {\"deleteRetentionPolicy\": {\"enabled\": true, \"days\": 7}}}");
        fx.put(CONTAINER, "2023-01-01", "{\"properties\": {\"publicAccess\": \"None\"}}");
        fx.put(REDIS, "2024-11-01", "{\"location\": \"westus2\", \"properties\": {\"sku\": {\"name\": \"Basic\", \"family\": \"C\","
                + " \"capacity\": 0}, \"enableNonSslPort\": false, \"minimumTlsVersion\": \"1.2\"}}");
        fx.put(PG, "2024-08-01", "{\"location\": \"westus2\", \"sku\": {\"name\": \"Standard_B1ms\", \"tier\": \"Burstable\"},"
                + " \"properties\": {\"version\": \"16\", \"administratorLogin\": \"pgadmin\", \"administratorLoginPassword\": \""
                + PASSWORD + "\", \"storage\": {\"storageSizeGB\": 32}}}");
        for (String db : List.of("appdb", "azure_maintenance", "azure_sys", "postgres")) { // Azure makes the last three
            fx.put(PG + "/databases/" + db, "2024-08-01", "{\"properties\": {\"charset\": \"UTF8\", \"collation\": \"en_US.utf8\"}}");
        }
        fx.put(PG + "/firewallRules/office", "2024-08-01",
                "{\"properties\": {\"startIpAddress\": \"10.0.0.1\", \"endIpAddress\": \"10.0.0.9\"}}");
    }

    @AfterAll
    static void stop() {
        if (fx != null) {
            fx.close();
        }
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

        // applying them would write nothing: hub and back, ARM body, the controller's drift check against Azure
        HubConverter converter = new HubConverter(CATALOG);
        Map<String, Long> writesBefore = fx.writes();
        for (ObjectNode m : manifests) {
            String[] drift = driftOf(converter, m);
            assertThat(drift[0]).as("%s %s: body %s, Azure %s", m.path("kind").asText(), m.at("/metadata/name").asText(),
                    drift[1], drift[2]).isEqualTo("IN_SYNC");
        }
        assertThat(fx.writes()).isEqualTo(writesBefore);
        ObjectNode edited = byName.get("Redis/aso-import-aso-import-redis").deepCopy();
        ((ObjectNode) edited.path("spec")).put("enableNonSslPort", true);
        assertThat(driftOf(converter, edited)[0]).as("an edited manifest is not in sync").isEqualTo("DRIFTED");
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
        String vnet = RG + "/providers/Microsoft.Network/virtualNetworks/vnet1";
        Path folder = dir.resolve("per-resource");
        AsoctlRun run = fx.asoctl("import", "azure-resource", REDIS, vnet, "-f", folder.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.stderr()).contains("unsupported: " + vnet + ": ARM type Microsoft.Network/virtualNetworks has no kind")
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

    /** What the controller's resync would decide for this manifest: the hub, back at its version, the ARM body, compared. */
    private static String[] driftOf(HubConverter converter, ObjectNode manifest) throws Exception {
        String[] gv = manifest.path("apiVersion").asText().split("/");
        KindMeta kind = CATALOG.kind(gv[0], manifest.path("kind").asText()).orElseThrow();
        ObjectNode hub = converter.convert(manifest, gv[0] + "/" + kind.hubVersion());
        ObjectNode back = converter.convert(hub, manifest.path("apiVersion").asText());
        VersionMeta version = kind.version(gv[1]).orElseThrow();
        JsonNode body = ArmPayloads.requestBody((ObjectNode) back.path("spec"), version, new ArmInputs() {
            @Override
            public String armId(JsonNode ref, String path) {
                return ref.path("armId").asText();
            }

            @Override
            public String secret(JsonNode ref, String path) {
                throw new AssertionError("no secret expected at " + path);
            }

            @Override
            public String configMapValue(JsonNode ref, String path) {
                throw new AssertionError("no config map expected at " + path);
            }
        });
        String id = armIdOf(manifest);
        JsonNode actual = fx.get(id, version.apiVersion());
        return new String[] {DriftProbe.compare(body, actual), body.toString(), actual.toString()};
    }

    private static String armIdOf(ObjectNode manifest) {
        String kind = manifest.path("kind").asText();
        String azureName = manifest.at("/spec/azureName").asText();
        return switch (kind) {
            case "ResourceGroup" -> RG;
            case "StorageAccount" -> STORAGE;
            case "StorageAccountsBlobService" -> BLOB;
            case "StorageAccountsBlobServicesContainer" -> CONTAINER;
            case "Redis" -> REDIS;
            case "FlexibleServer" -> PG;
            case "FlexibleServersDatabase" -> PG + "/databases/" + azureName;
            case "FlexibleServersFirewallRule" -> PG + "/firewallRules/" + azureName;
            default -> throw new AssertionError(kind);
        };
    }
}
