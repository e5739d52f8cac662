package dev.aso.cli;

import dev.aso.cli.imports.ArmId;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.IOException;
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

    @CommandLine.Mixin
    private ImportOptions options;

    public ImportAzureResourceCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        return options.run(context, ids.stream().map(ArmId::parse).toList(), Map.of());
    }
}
