package dev.aso.codegen;

import dev.aso.codegen.emit.GeneratedFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The generator's output is produced by the build, not committed, except the golden set: every file of a few kinds
 * (codegen/src/test/golden/kinds.txt), compared byte for byte with what the generator writes now. Two runs give the
 * same bytes.
 */
class GoldenFilesTest {

    private static final Path REPO = Path.of(System.getProperty("aso.repoRoot", ".."));
    private static final GoldenSet GOLDEN = new GoldenSet(REPO.resolve(GoldenSet.DEFAULT_DIR));

    @Test
    void goldenKindsAreWrittenByteForByteAsCommitted() throws Exception {
        GeneratedFiles golden = GOLDEN.select(generate());
        assertThat(GOLDEN.kinds()).hasSizeGreaterThanOrEqualTo(3);
        assertThat(golden.files()).as("the golden kinds' files").isNotEmpty();
        assertThat(golden.differences(GOLDEN.files()))
                .as("these files of the golden kinds (%s) differ from the committed ones under %s, or are missing "
                        + "or no longer generated; if the change is intended, run ./hack/update-golden.sh, review "
                        + "the diff and commit it", GOLDEN.kinds(), GoldenSet.DEFAULT_DIR + "/files")
                .isEmpty();
    }

    @Test
    void goldenSetCoversEveryKindOfOutput() throws Exception {
        List<String> paths = List.copyOf(GOLDEN.select(generate()).files().keySet());
        for (String root : Generator.OWNED_FOLDERS) {
            assertThat(paths).as("golden files under " + root).anyMatch(p -> p.startsWith(root));
        }
        assertThat(paths).as("a CRD, the catalog entry, a hub class")
                .anyMatch(p -> p.contains("/crds/")).anyMatch(p -> p.contains("/meta/"))
                .anyMatch(p -> p.matches(".*/v\\w+storage/.*\\.java"));
    }

    @Test
    void aChangedMissingOrExtraFileIsReported(@TempDir Path dir) throws Exception {
        GeneratedFiles golden = GOLDEN.select(generate());
        golden.writeTo(dir);
        assertThat(golden.differences(dir)).isEmpty();
        List<String> paths = List.copyOf(golden.files().keySet());
        Path changed = dir.resolve(paths.get(0));
        Files.writeString(changed, Files.readString(changed) + " ");
        Files.delete(dir.resolve(paths.get(1)));
        Files.writeString(dir.resolve("samples/extra.yaml"), "kind: Extra\n");
        assertThat(golden.differences(dir)).containsExactlyInAnyOrder(paths.get(0), paths.get(1), "samples/extra.yaml");
    }

    @Test
    void aKindWithNoFilesIsRefused() throws Exception {
        assertThatThrownBy(() -> generate().ofKinds(List.of("cache.azure.com/NoSuchKind")))
                .hasMessageContaining("cache.azure.com/NoSuchKind");
    }

    @Test
    void runningTwiceGivesIdenticalOutput() throws Exception {
        assertThat(generateAgain().files()).isEqualTo(generate().files());
    }

    private static GeneratedFiles generated;

    /** One run of the generator over every kind, shared by the tests that only read it. */
    private static synchronized GeneratedFiles generate() throws Exception {
        if (generated == null) {
            generated = generateAgain();
        }
        return generated;
    }

    private static GeneratedFiles generateAgain() throws Exception {
        return new Generator(Generator.JavaMode.BOTH).generate(REPO.resolve("azure-types"), REPO.resolve("aso-api"), REPO.resolve("codegen/config/kinds.yaml"));
    }
}
