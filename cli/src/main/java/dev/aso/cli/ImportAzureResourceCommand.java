package dev.aso.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aso.cli.imports.ArmId;
import dev.aso.cli.imports.ResourceImporter;
import dev.aso.controller.arm.ArmClient;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code asoctl import azure-resource}: manifests for existing Azure resources and everything under them. */
@Command(name = "azure-resource", sortOptions = false,
        description = {"Import existing Azure resources (and, recursively, their child resources) as manifests of the"
                + " newest served version of their kinds.",
                "Authenticates like the operator: AZURE_SUBSCRIPTION_ID, AZURE_TENANT_ID, AZURE_CLIENT_ID with"
                        + " AZURE_CLIENT_SECRET, AZURE_CLIENT_CERTIFICATE or workload identity; AZURE_RESOURCE_MANAGER_ENDPOINT,"
                        + " AZURE_AUTHORITY_HOST, AZURE_ADDITIONAL_CA_CERTIFICATES."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every resource imported", "1:some resources failed or are unsupported (the rest is written),"
                + " or ARM could not be used", "2:bad usage"})
public final class ImportAzureResourceCommand implements Callable<Integer> {

    private final Context context;

    @CommandLine.Mixin
    private HelpOption help;

    @Parameters(arity = "1..*", paramLabel = "ARM-ID", description = "ARM ids of the resources to import")
    private List<String> ids;

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

    public ImportAzureResourceCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (workers < 1) {
            throw new UsageException("--workers must be at least 1");
        }
        List<ArmId> parsed = ids.stream().map(ArmId::parse).toList();
        Progress progress = quiet ? context.progress().quiet() : context.progress();
        ArmClient arm = AzureConnection.fromEnvironment(context.env());
        ResourceImporter importer = new ResourceImporter(context.catalog(), arm,
                new ResourceImporter.Options(namespace, labels, annotations, workers), progress);
        ResourceImporter.Outcome outcome = importer.run(parsed);
        write(outcome.manifests());
        outcome.notes().forEach(n -> progress.warn("note: " + n));
        progress.warn("imported " + outcome.manifests().size() + ", skipped " + outcome.skipped().size() + ", unsupported "
                + outcome.unsupported().size() + ", failed " + outcome.failed().size()
                + (output != null ? "; wrote " + output : "") + (outputFolder != null ? "; wrote into " + outputFolder : ""));
        return outcome.complete() ? ExitCodes.OK : ExitCodes.FAILED;
    }

    private void write(List<ObjectNode> manifests) throws IOException {
        if (output != null) {
            if (output.getParent() != null) {
                Files.createDirectories(output.getParent());
            }
            Files.writeString(output, Manifests.render(manifests, format), StandardCharsets.UTF_8);
        }
        if (outputFolder != null) {
            Files.createDirectories(outputFolder);
            for (ObjectNode m : manifests) {
                String file = m.path("kind").asText().toLowerCase(java.util.Locale.ROOT) + "-"
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
