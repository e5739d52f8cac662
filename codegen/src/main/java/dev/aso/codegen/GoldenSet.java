package dev.aso.codegen;

import dev.aso.codegen.emit.GeneratedFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The golden set: every file the generator writes for a few kinds, committed and compared byte for byte by the
 * codegen tests ({@code GoldenFilesTest}), while the rest of the output is only produced by the build. Its folder
 * holds {@code kinds.txt} (one {@code group/Kind} a line, {@code #} comments) and {@code files/}, laid out as the
 * output folder ({@code generated-sources/}, {@code generated-resources/}, {@code samples/}, {@code reference/}).
 * {@code ./hack/update-golden.sh} rewrites {@code files/}.
 */
public final class GoldenSet {

    /** The golden set of the repository, relative to its root. */
    public static final String DEFAULT_DIR = "codegen/src/test/golden";

    private final Path dir;

    public GoldenSet(Path dir) {
        this.dir = dir;
    }

    /** The kinds of the set, {@code group/Kind}. */
    public List<String> kinds() throws IOException {
        return Files.readAllLines(dir.resolve("kinds.txt")).stream()
                .map(line -> line.replaceAll("#.*", "").trim())
                .filter(line -> !line.isEmpty())
                .toList();
    }

    /** The folder holding the committed files. */
    public Path files() {
        return dir.resolve("files");
    }

    /** The files of a whole generator run that belong to the set's kinds. */
    public GeneratedFiles select(GeneratedFiles all) throws IOException {
        return all.ofKinds(kinds());
    }
}
