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

import static org.assertj.core.api.Assertions.assertThat;

/** {@code asoctl adopt} against the ARM emulator: a whole resource group, read-only, filtered by tag. */
class AdoptTest {

    @RegisterExtension
    static final SampleAzure SAMPLE = new SampleAzure("aso-adopt");
    static final SampleGroup AZURE = SAMPLE.group();
    static final String SKIP = "serviceoperator.azure.com/reconcile-policy";

    @TempDir
    static Path dir;
    static EmulatorFixture fx;

    @BeforeAll
    static void azure() {
        fx = SAMPLE.fx();
    }

    @Test
    void theWholeGroupWithReconcilePolicySkipOnEveryManifestAndNoWrite() throws Exception {
        Map<String, Long> writes = fx.writes();
        Path file = dir.resolve("adopted.yaml");
        AsoctlRun run = fx.asoctl("adopt", "--resource-group", "aso-adopt", "-n", "team-a", "-o", file.toString(), "-q");

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        List<ObjectNode> manifests = Manifests.parseYaml(Files.readString(file));
        assertThat(manifests).extracting(m -> m.path("kind").asText()).containsExactlyInAnyOrder("ResourceGroup",
                "StorageAccount", "StorageAccountsBlobService", "StorageAccountsBlobServicesContainer", "Redis",
                "FlexibleServer", "FlexibleServersDatabase", "FlexibleServersFirewallRule");
        assertThat(manifests).allMatch(m -> m.at("/metadata/annotations").path(SKIP).asText().equals("skip"))
                .allMatch(m -> m.at("/metadata/namespace").asText().equals("team-a"));
        assertThat(run.stderr()).contains("imported 8, skipped 3, unsupported 0, failed 0; wrote " + file);
        assertThat(fx.writes()).as("adopt only reads").isEqualTo(writes);
    }

    @Test
    void aTagKeepsTheResourcesCarryingItAndPlanSendsNothingForThem() throws Exception {
        Path file = dir.resolve("prod.yaml");
        AsoctlRun run = fx.asoctl("adopt", "-g", AZURE.rg(), "--tag", "env=prod", "-n", "team-a", "-o", file.toString());

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        List<ObjectNode> manifests = Manifests.parseYaml(Files.readString(file));
        assertThat(manifests).extracting(m -> m.path("kind").asText()).containsExactly("ResourceGroup", "Redis");
        assertThat(run.stderr()).contains("skipped: " + AZURE.storage() + ": its tags do not include env=prod")
                .contains("skipped: " + AZURE.pg() + ": its tags do not include env=prod")
                .doesNotContain("blobServices").contains("imported 2, skipped 2, unsupported 0, failed 0");

        AsoctlRun plan = fx.asoctl("plan", "-f", file.toString(), "--detailed-exitcode");
        assertThat(plan.exitCode()).as(plan.stdout() + plan.stderr()).isZero();
        assertThat(plan.stdout()).isEqualTo("ResourceGroup team-a/aso-adopt: no request (reconcile-policy skip: the operator"
                + " only reads the resource; Azure matches the spec)\nRedis team-a/aso-adopt-aso-adopt-redis: no request"
                + " (reconcile-policy skip: the operator only reads the resource; Azure matches the spec)\n");

        AsoctlRun none = fx.asoctl("adopt", "-g", "aso-adopt", "--tag", "env=nowhere", "-q");
        assertThat(none.exitCode()).isZero();
        assertThat(none.stdout()).contains("kind: ResourceGroup").doesNotContain("kind: Redis");
    }

    @Test
    void usageMistakesAreRefused() {
        AsoctlRun manage = fx.asoctl("adopt", "-g", "aso-adopt", "-a", SKIP + "=manage");
        assertThat(manage.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(manage.stderr()).contains("adopt writes " + SKIP + ": skip; to import with 'manage', use 'asoctl import"
                + " azure-resource'");

        AsoctlRun notAGroup = fx.asoctl("adopt", "-g", AZURE.redis());
        assertThat(notAGroup.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(notAGroup.stderr()).contains("is not a resource group");

        assertThat(fx.asoctl("adopt").exitCode()).isEqualTo(ExitCodes.USAGE);
        AsoctlRun missing = fx.asoctl("adopt", "-g", "no-such-group");
        assertThat(missing.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(missing.stderr()).contains("failed: /subscriptions/" + EmulatorFixture.SUBSCRIPTION
                + "/resourceGroups/no-such-group: ResourceGroupNotFound (HTTP 404)");
    }
}
