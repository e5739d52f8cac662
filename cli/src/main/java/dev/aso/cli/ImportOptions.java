package dev.aso.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aso.cli.imports.ArmId;
import dev.aso.cli.imports.ResourceImporter;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What {@code import azure-resource} and {@code adopt} share: ASO's import flags (where the manifests go, what goes on
 * each), the run of the importer, the writing and the summary line.
 */
public final class ImportOptions {

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "write all manifests to this file (default: stdout)")
    private Path output;

    @Option(names = {"-f", "--output-folder"}, paramLabel = "DIR", description = "write one file per resource into this folder")
    private Path outputFolder;

    @Option(names = {"-n", "--namespace"}, description = "namespace of the manifests")
    private String namespace;

    @Option(names = {"-l", "--label"}, paramLabel = "KEY=VALUE", description = "label to add to every manifest (repeatable)")
    private Map<String, String> labels = new LinkedHashMap<>();

    @Option(names = {"-a", "--annotation"}, paramLabel = "KEY=VALUE", description = "annotation to add to every manifest (repeatable)")
    private Map<String, String> annotations = new LinkedHashMap<>();

    @Option(names = {"-w", "--workers"}, defaultValue = "4", description = "ARM calls at once (default: ${DEFAULT-VALUE})")
    private int workers;

    @Option(names = "--format", defaultValue = "yaml", description = "yaml (documents) or json (a v1 List); default ${DEFAULT-VALUE}")
    private Manifests.Format format;

    @Option(names = {"-q", "--quiet"}, description = "no progress lines, only warnings and failures")
    private boolean quiet;

    /** The annotations given with {@code -a}, for a command that adds its own. */
    Map<String, String> annotations() {
        return annotations;
    }

    /** Imports {@code ids} and what is under them, writes the manifests, prints the summary; returns the exit code. */
    int run(Context context, List<ArmId> ids, Map<String, String> requiredTags) throws IOException, InterruptedException {
        if (workers < 1) {
            throw new UsageException("--workers must be at least 1");
        }
        Progress progress = quiet ? context.progress().quiet() : context.progress();
        ResourceImporter importer = new ResourceImporter(context.catalog(), AzureConnection.fromEnvironment(context.env()),
                new ResourceImporter.Options(namespace, labels, annotations, workers, requiredTags), progress);
        ResourceImporter.Outcome outcome = importer.run(ids);
        write(context, outcome.manifests());
        outcome.notes().forEach(n -> progress.warn("note: " + n));
        progress.warn("imported " + outcome.manifests().size() + ", skipped " + outcome.skipped().size() + ", unsupported "
                + outcome.unsupported().size() + ", failed " + outcome.failed().size()
                + (output != null ? "; wrote " + output : "") + (outputFolder != null ? "; wrote into " + outputFolder : ""));
        return outcome.complete() ? ExitCodes.OK : ExitCodes.FAILED;
    }

    private void write(Context context, List<ObjectNode> manifests) throws IOException {
        if (output != null) {
            if (output.getParent() != null) {
                Files.createDirectories(output.getParent());
            }
            Files.writeString(output, Manifests.render(manifests, format), StandardCharsets.UTF_8);
        }
        if (outputFolder != null) {
            Files.createDirectories(outputFolder);
            for (ObjectNode m : manifests) {
                String file = m.path("kind").asText().toLowerCase(Locale.ROOT) + "-"
                        + m.path("metadata").path("name").asText() + "." + format.name();
                Files.writeString(outputFolder.resolve(file), Manifests.render(List.of(m), format), StandardCharsets.UTF_8);
            }
        }
        if (output == null && outputFolder == null) {
            context.out().print(Manifests.render(manifests, format));
            context.out().flush();
        }
    }
}
