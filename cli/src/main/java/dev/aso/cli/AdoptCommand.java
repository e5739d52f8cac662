package dev.aso.cli;

import dev.aso.api.meta.OperatorAnnotations;
import dev.aso.api.meta.ReconcilePolicy;
import dev.aso.cli.imports.ArmId;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code asoctl adopt}: a whole resource group imported with {@code reconcile-policy: skip} on every manifest, so that
 * applying them writes nothing to Azure until the annotation is removed.
 */
@Command(name = "adopt", sortOptions = false,
        description = {"Import a whole resource group (the group, the resources in it and, recursively, their child"
                + " resources) with the annotation " + OperatorAnnotations.RECONCILE_POLICY + ": skip on every manifest:"
                + " applied, they are only read into status; nothing is written to Azure until the annotation is removed"
                + " (asoctl plan -f shows what would be sent then).",
                "--tag keeps only the resources in the group that carry the tag (all given tags), with what is under them;"
                        + " the resource group itself is always written, as the owner."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every resource imported", "1:some resources failed or are unsupported (the rest is written),"
                + " or ARM could not be used", "2:bad usage"})
public final class AdoptCommand implements Callable<Integer> {

    private final Context context;

    @CommandLine.Mixin
    private HelpOption help;

    @Option(names = {"-g", "--resource-group"}, required = true, paramLabel = "NAME|ARM-ID",
            description = "the resource group: its name (in AZURE_SUBSCRIPTION_ID) or its ARM id")
    private String resourceGroup;

    @Option(names = {"-t", "--tag"}, paramLabel = "KEY=VALUE", description = "only resources with this tag (repeatable: all)")
    private Map<String, String> tags = new LinkedHashMap<>();

    @CommandLine.Mixin
    private ImportOptions options;

    public AdoptCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        ArmId group = ArmId.parse(resourceGroup.startsWith("/") ? resourceGroup
                : "/subscriptions/" + AzureConnection.fromEnvironment(context.env()).subscriptionId() + "/resourceGroups/" + resourceGroup);
        if (!group.armType().equals("Microsoft.Resources/resourceGroups")) {
            throw new UsageException("--resource-group " + resourceGroup + " is not a resource group; give its name or an id"
                    + " such as /subscriptions/<id>/resourceGroups/<name>");
        }
        String policy = options.annotations().get(OperatorAnnotations.RECONCILE_POLICY);
        if (policy != null && !policy.equals(ReconcilePolicy.SKIP.value())) {
            throw new UsageException("adopt writes " + OperatorAnnotations.RECONCILE_POLICY + ": skip; to import with '" + policy
                    + "', use 'asoctl import azure-resource'");
        }
        options.annotations().put(OperatorAnnotations.RECONCILE_POLICY, ReconcilePolicy.SKIP.value());
        return options.run(context, List.of(group), tags);
    }
}
