package dev.aso.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ExportTemplateTest {

    private record Run(int code, String out, String err) { }

    private static Run asoctl(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Asoctl.run(args, Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void theCrdsOfThePatternAndAWarningForAPatternMatchingNothing() {
        Run run = asoctl("export", "template", "--crd-pattern", "resources.azure.com/*;cache.azure.com/Redis",
                "--crd-pattern", "network.azure.com/*");

        assertThat(run.code()).isZero();
        assertThat(run.err()).contains("warning: crd pattern 'network.azure.com/*' matches no CRD")
                .contains("crd pattern 'cache.azure.com/Redis' matches 1 CRDs");
        assertThat(run.out()).contains("name: resourcegroups.resources.azure.com").contains("name: redis.cache.azure.com")
                .doesNotContain("name: redisfirewallrules.cache.azure.com").doesNotContain("storage.azure.com");
        assertThat(run.out().split("\n---\n")).hasSize(3);
    }

    @Test
    void aReleaseManifestGetsThePatternOnTheControllersArgument(@TempDir Path dir) throws Exception {
        Path release = dir.resolve("azureserviceoperator_v0.1.0.yaml");
        Files.writeString(release, "kind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n      - args:\n"
                + "        - --crd-pattern=\n        - --crd-management=auto\n");
        Run run = asoctl("export", "template", "--source", release.toString(), "-p", "storage.azure.com/*");

        assertThat(run.code()).isZero();
        assertThat(run.out()).contains("- --crd-pattern=storage.azure.com/*\n").contains("--crd-management=auto");

        Files.writeString(release, "kind: ConfigMap\n");
        assertThat(asoctl("export", "template", "--source", release.toString(), "-p", "storage.azure.com/*").code())
                .isEqualTo(ExitCodes.FAILED);
    }

    @Test
    void usageMistakesExitWithTwo() {
        assertThat(asoctl("export", "template").code()).isEqualTo(ExitCodes.USAGE);
        assertThat(asoctl("export", "template", "--raw", "-p", "x/*").code()).isEqualTo(ExitCodes.USAGE);
        Run badPattern = asoctl("export", "template", "-p", "storage");
        assertThat(badPattern.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(badPattern.err()).contains("'storage' is not of the form group/Kind");
        assertThat(asoctl("export", "template", "-p", "storage.azure.com/*", "--version", "v2.6.0").code())
                .isEqualTo(ExitCodes.USAGE);
        assertThat(asoctl().code()).isEqualTo(ExitCodes.USAGE);
    }
}
