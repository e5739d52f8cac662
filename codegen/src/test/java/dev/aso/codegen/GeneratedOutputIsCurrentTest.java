package dev.aso.codegen;

import dev.aso.codegen.emit.GeneratedFiles;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The committed generated files are exactly what the generator produces now, and two runs give the same bytes. */
class GeneratedOutputIsCurrentTest {

    private static final Path REPO = Path.of(System.getProperty("aso.repoRoot", ".."));

    @Test
    void committedOutputIsNotStale() throws Exception {
        GeneratedFiles files = generate();
        List<String> stale = files.differences(REPO);
        assertThat(stale).as("generated files differ from a fresh run: run ./hack/generate.sh and commit").isEmpty();
    }

    @Test
    void runningTwiceGivesIdenticalOutput() throws Exception {
        assertThat(generate().files()).isEqualTo(generate().files());
    }

    private static GeneratedFiles generate() throws Exception {
        return new Generator().generate(REPO.resolve("azure-types"), REPO.resolve("codegen/config/kinds.yaml"));
    }
}
