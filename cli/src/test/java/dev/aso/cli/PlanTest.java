package dev.aso.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code asoctl plan} against the ARM emulator: manifests imported from it plan as "no change" with no ARM write; an
 * edit plans the PUT that, sent, brings Azure to the spec; creates, deletes, policies, secrets and errors.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PlanTest {

    @RegisterExtension
    static final SampleAzure SAMPLE = new SampleAzure("aso-plan");
    static final SampleGroup AZURE = SAMPLE.group();
    static final ObjectMapper JSON = new ObjectMapper();
    /** Kinds addressed wrongly by the controller today (see {@link #singletonKindsPlanAsNoChange}). */
    static final List<String> SINGLETONS = List.of("StorageAccountsBlobService", "StorageAccountsBlobServicesContainer");

    @TempDir
    static Path dir;
    static EmulatorFixture fx;
    static Path imported;

    @BeforeAll
    static void azure() {
        fx = SAMPLE.fx();
        imported = dir.resolve("imported.yaml");
        AsoctlRun run = fx.asoctl("import", "azure-resource", AZURE.rg(), "-n", "team-a", "-o", imported.toString(), "-q");
        assertThat(run.exitCode()).as(run.stderr()).isZero();
    }

    @Test
    void importedManifestsPlanAsNoChangeAndWriteNothing() throws Exception {
        List<ObjectNode> manifests = Manifests.parseYaml(Files.readString(imported)).stream()
                .filter(m -> !SINGLETONS.contains(m.path("kind").asText())).toList();
        Map<String, Long> writes = fx.writes();
        AsoctlRun run = fx.asoctl("plan", "-f", write("addressable.yaml", manifests).toString(), "--detailed-exitcode");

        assertThat(run.exitCode()).as(run.stderr() + run.stdout()).isZero();
        assertThat(run.stdout().lines()).hasSize(6).allMatch(l -> l.endsWith(": no change (Azure matches the spec)"));
        assertThat(run.stdout()).contains("Redis team-a/aso-plan-aso-plan-redis: no change")
                .contains("FlexibleServersDatabase team-a/aso-plan-aso-plan-pg-appdb: no change");
        assertThat(run.stderr()).contains("plan: 6 resources: 0 to create, 0 to update, 0 to delete, 6 unchanged, 0 held back"
                + " by reconcile-policy, 0 failed");
        assertThat(fx.writes()).as("plan only reads").isEqualTo(writes);
    }

    @Test
    void singletonKindsPlanAsNoChange() {
        AsoctlRun run = fx.asoctl("plan", "-f", imported.toString(), "--detailed-exitcode");
        assertThat(run.exitCode()).as(run.stderr() + run.stdout()).isZero();
        assertThat(run.stdout().lines()).hasSize(8).allMatch(l -> l.endsWith(": no change (Azure matches the spec)"));
    }

    @Test
    @Order(Integer.MAX_VALUE) // last: it sends the planned PUT, changing the Redis cache the other tests plan against
    void anEditPlansThePutThatBringsAzureToTheSpec() throws Exception {
        List<ObjectNode> manifests = Manifests.parseYaml(Files.readString(imported));
        ObjectNode redis = find(manifests, "Redis");
        ((ObjectNode) redis.path("spec")).put("enableNonSslPort", true);
        ((ObjectNode) redis.path("spec").path("tags")).put("owner", "team-a");
        Path edited = write("edited.yaml", List.of(find(manifests, "ResourceGroup"), redis));

        AsoctlRun text = fx.asoctl("plan", "-f", edited.toString(), "--detailed-exitcode");
        assertThat(text.exitCode()).as(text.stderr()).isEqualTo(ExitCodes.CHANGES);
        assertThat(text.stdout()).isEqualTo("ResourceGroup team-a/aso-plan: no change (Azure matches the spec)\n"
                + "Redis team-a/aso-plan-aso-plan-redis: update (Azure differs from the spec)\n"
                + "  PUT " + AZURE.redis() + "?api-version=2024-11-01\n"
                + "  ~ tags: {\"env\":\"prod\"} -> {\"env\":\"prod\",\"owner\":\"team-a\"}\n"
                + "  ~ properties.enableNonSslPort: false -> true\n");
        assertThat(text.stderr()).contains("1 to update").contains("1 unchanged");

        AsoctlRun json = fx.asoctl("plan", "-f", edited.toString(), "-o", "json");
        assertThat(json.exitCode()).as(json.stderr()).isZero();
        JsonNode update = JSON.readTree(json.stdout()).path("resources").get(1);
        assertThat(update.path("action").asText()).isEqualTo("update");
        assertThat(update.at("/request/method").asText()).isEqualTo("PUT");
        assertThat(update.at("/request/path").asText()).isEqualTo(AZURE.redis() + "?api-version=2024-11-01");
        JsonNode body = update.at("/request/body");
        assertThat(body.at("/properties/enableNonSslPort").asBoolean()).isTrue();
        assertThat(body.at("/location").asText()).isEqualTo("westus2");
        assertThat(body.at("/properties/sku/name").asText()).isEqualTo("Basic");
        assertThat(fx.asoctl("plan", "-f", edited.toString(), "-o", "yaml").stdout())
                .contains("action: update").contains("enableNonSslPort: true");

        // the planned PUT, sent, is what the spec wants: planning again finds nothing to do
        fx.put(AZURE.redis(), "2024-11-01", body.toString());
        AsoctlRun after = fx.asoctl("plan", "-f", edited.toString(), "--detailed-exitcode");
        assertThat(after.exitCode()).as(after.stdout()).isZero();
        assertThat(after.stdout()).contains("Redis team-a/aso-plan-aso-plan-redis: no change");
    }

    @Test
    void aNewResourceIsACreateAndDeletionFollowsTheReconcilePolicy() throws Exception {
        List<ObjectNode> manifests = Manifests.parseYaml(Files.readString(imported));
        ObjectNode database = find(manifests, "FlexibleServersDatabase").deepCopy();
        ((ObjectNode) database.path("metadata")).put("name", "reports");
        ((ObjectNode) database.path("spec")).remove("azureName"); // defaulted from metadata.name, as the webhook does
        ObjectNode skipped = find(manifests, "FlexibleServersDatabase").deepCopy();
        ((ObjectNode) skipped.path("metadata")).putObject("annotations").put("serviceoperator.azure.com/reconcile-policy", "skip");
        List<ObjectNode> owners = List.of(find(manifests, "ResourceGroup"), find(manifests, "FlexibleServer"));
        Path file = write("new.yaml", List.of(owners.get(0), owners.get(1), database));

        AsoctlRun create = fx.asoctl("plan", "-f", file.toString());
        assertThat(create.exitCode()).as(create.stderr()).isZero();
        assertThat(create.stdout()).contains("FlexibleServersDatabase team-a/reports: create (Azure has no such resource)\n"
                + "  PUT " + AZURE.pg() + "/databases/reports?api-version=2025-08-01\n"
                + "  + name: \"reports\"\n  + properties.charset: \"UTF8\"\n  + properties.collation: \"en_US.utf8\"\n");

        Path both = write("delete.yaml", List.of(owners.get(0), owners.get(1), database, skipped));
        AsoctlRun delete = fx.asoctl("plan", "-f", both.toString(), "--delete");
        assertThat(delete.exitCode()).as(delete.stderr()).isZero();
        assertThat(delete.stdout()).contains("ResourceGroup team-a/aso-plan: delete (the object is deleted with reconcile-policy"
                        + " manage)\n  DELETE " + AZURE.rg() + "?api-version=2020-06-01\n")
                .contains("FlexibleServersDatabase team-a/reports: no change (Azure has no such resource)")
                .contains("FlexibleServersDatabase team-a/aso-plan-aso-plan-pg-appdb: no request"
                        + " (reconcile-policy skip: deleting the object leaves the Azure resource)");
    }

    @Test
    void anAzureNameFromAConfigMapIsReadFromTheManifests() throws Exception {
        List<ObjectNode> manifests = Manifests.parseYaml(Files.readString(imported));
        ObjectNode ids = JSON.createObjectNode().put("apiVersion", "v1").put("kind", "ConfigMap");
        ids.putObject("metadata").put("name", "admin-ids").put("namespace", "team-a");
        ids.putObject("data").put("objectId", "5f6a7b8c-1d2e-4f30-8a9b-0c1d2e3f4a5b");
        ObjectNode admin = JSON.createObjectNode().put("apiVersion", "dbforpostgresql.azure.com/v20250801")
                .put("kind", "FlexibleServersAdministrator");
        admin.putObject("metadata").put("name", "dba").put("namespace", "team-a");
        ObjectNode spec = admin.putObject("spec");
        spec.putObject("owner").put("name", find(manifests, "FlexibleServer").path("metadata").path("name").asText());
        spec.putObject("azureNameFromConfig").put("name", "admin-ids").put("key", "objectId");
        spec.put("principalName", "dba@example.com").put("principalType", "User");
        Path file = write("admin.yaml", List.of(find(manifests, "ResourceGroup"), find(manifests, "FlexibleServer"), ids, admin));

        AsoctlRun run = fx.asoctl("plan", "-f", file.toString());
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.stdout()).contains("FlexibleServersAdministrator team-a/dba: create (Azure has no such resource)\n"
                + "  PUT " + AZURE.pg() + "/administrators/5f6a7b8c-1d2e-4f30-8a9b-0c1d2e3f4a5b?api-version=2025-08-01");

        ((ObjectNode) ids.path("data")).remove("objectId");
        AsoctlRun missing = fx.asoctl("plan", "-f", write("admin-missing.yaml", List.of(find(manifests, "ResourceGroup"),
                find(manifests, "FlexibleServer"), ids, admin)).toString());
        assertThat(missing.stderr()).contains("failed: FlexibleServersAdministrator team-a/dba: spec.azureNameFromConfig:"
                + " ConfigMap team-a/admin-ids has no key 'objectId'");
    }

    @Test
    void secretsAreNeverReadNorShownAndMakeThePutUnverifiable() throws Exception {
        ObjectNode pg = find(Manifests.parseYaml(Files.readString(imported)), "FlexibleServer");
        ObjectNode password = ((ObjectNode) pg.path("spec")).putObject("administratorLoginPassword");
        password.put("name", "pg-secrets").put("key", "password");
        ((ObjectNode) pg.path("spec")).remove("owner");
        ((ObjectNode) pg.path("spec")).putObject("owner").put("armId", AZURE.rg());

        AsoctlRun run = fx.asoctl("plan", "-f", write("pg.yaml", List.of(pg)).toString(), "--show-body");
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.stdout()).contains("FlexibleServer team-a/aso-plan-aso-plan-pg: update (the body holds secret inputs"
                        + " Azure never returns")
                .contains("  ? properties.administratorLoginPassword: <secret> (not compared: Azure never returns it)")
                .contains("\"administratorLoginPassword\" : \"<secret>\"")
                .doesNotContain(SampleGroup.PASSWORD).doesNotContain("\u0000").doesNotContain("  ~ ");
    }

    @Test
    void problemsNameTheResourceAndTheFix() throws Exception {
        List<ObjectNode> manifests = Manifests.parseYaml(Files.readString(imported));
        ObjectNode orphan = find(manifests, "FlexibleServersDatabase");
        ObjectNode badPolicy = find(manifests, "Redis");
        ((ObjectNode) badPolicy.path("metadata")).putObject("annotations").put("serviceoperator.azure.com/reconcile-policy", "sometimes");
        ObjectNode config = JSON.createObjectNode().put("apiVersion", "v1").put("kind", "ConfigMap");
        config.putObject("metadata").put("name", "settings");
        AsoctlRun run = fx.asoctl("plan", "-f", write("bad.yaml", List.of(config, orphan, badPolicy)).toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.stderr()).contains("ignored: ConfigMap default/settings (not an Azure resource)")
                .contains("failed: FlexibleServersDatabase team-a/aso-plan-aso-plan-pg-appdb: spec.owner.name: FlexibleServer"
                        + " team-a/aso-plan-aso-plan-pg is not among the manifests given; add its file to -f, or set spec.owner.armId")
                .contains("failed: Redis team-a/aso-plan-aso-plan-redis: annotation serviceoperator.azure.com/reconcile-policy:"
                        + " 'sometimes' is not manage, skip or detach-on-delete")
                .contains("2 failed").doesNotContain("\tat ");

        assertThat(fx.asoctl("plan", "-f", dir.resolve("missing.yaml").toString()).stderr()).contains("missing.yaml does not exist");
        assertThat(fx.asoctl("plan").exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(fx.asoctl("plan", "-f", imported.toString(), "-o", "xml").exitCode()).isEqualTo(ExitCodes.USAGE);
    }

    static ObjectNode find(List<ObjectNode> manifests, String kind) {
        return manifests.stream().filter(m -> m.path("kind").asText().equals(kind)).findFirst().orElseThrow();
    }

    static Path write(String name, List<ObjectNode> manifests) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, Manifests.render(manifests, Manifests.Format.yaml));
        return file;
    }
}
