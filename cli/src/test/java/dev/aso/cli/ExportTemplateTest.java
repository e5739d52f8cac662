package dev.aso.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ExportTemplateTest {

    private static AsoctlRun asoctl(String... args) {
        return AsoctlRun.of(Map.of(), args);
    }

    @Test
    void theCrdsOfThePatternAndAWarningForAPatternMatchingNothing() {
        AsoctlRun run = asoctl("export", "template", "--crd-pattern", "resources.azure.com/*;cache.azure.com/Redis",
                "--crd-pattern", "nosuchgroup.azure.com/*");

        assertThat(run.exitCode()).isZero();
        assertThat(run.stderr()).contains("warning: crd pattern 'nosuchgroup.azure.com/*' matches no CRD")
                .contains("crd pattern 'cache.azure.com/Redis' matches 1 CRDs");
        assertThat(run.stdout()).contains("name: resourcegroups.resources.azure.com").contains("name: redis.cache.azure.com")
                .doesNotContain("name: redisfirewallrules.cache.azure.com").doesNotContain("storage.azure.com");
        assertThat(run.stdout().split("\n---\n")).hasSize(3);
    }

    @Test
    void aReleaseManifestGetsThePatternOnTheControllersArgument(@TempDir Path dir) throws Exception {
        Path release = dir.resolve("azureserviceoperator_v0.1.0.yaml");
        Files.writeString(release, "kind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n      - args:\n"
                + "        - --crd-pattern=\n        - --crd-management=auto\n");
        AsoctlRun run = asoctl("export", "template", "--source", release.toString(), "-p", "storage.azure.com/*");

        assertThat(run.exitCode()).isZero();
        assertThat(run.stdout()).contains("- --crd-pattern=storage.azure.com/*\n").contains("--crd-management=auto");

        Files.writeString(release, "kind: ConfigMap\n");
        assertThat(asoctl("export", "template", "--source", release.toString(), "-p", "storage.azure.com/*").exitCode())
                .isEqualTo(ExitCodes.FAILED);
    }

    @Test
    void usageMistakesExitWithTwo() {
        assertThat(asoctl("export", "template").exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(asoctl("export", "template", "--raw", "-p", "x/*").exitCode()).isEqualTo(ExitCodes.USAGE);
        AsoctlRun badPattern = asoctl("export", "template", "-p", "storage");
        assertThat(badPattern.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(badPattern.stderr()).contains("'storage' is not of the form group/Kind");
        assertThat(asoctl("export", "template", "-p", "storage.azure.com/*", "--version", "v2.6.0").exitCode())
                .isEqualTo(ExitCodes.USAGE);
        assertThat(asoctl().exitCode()).isEqualTo(ExitCodes.USAGE);
    }
}
