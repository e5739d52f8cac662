package dev.aso.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aso.cli.plan.ManifestSet;
import dev.aso.cli.plan.PlanReport;
import dev.aso.cli.plan.PlannedRequest;
import dev.aso.cli.plan.RequestPlanner;
import dev.aso.cli.plan.WebhookDefaults;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code asoctl plan}: the ARM requests the operator would send for manifests, as a diff against Azure. */
@Command(name = "plan", sortOptions = false,
        description = {"Show, for each Azure resource in the manifests, the request the operator would send to ARM: a PUT"
                + " (with what it changes in Azure), nothing when Azure already matches, or with --delete the DELETE;"
                + " computed with the operator's own code (hub conversion, ARM body, drift check). Only GETs are sent.",
                "Owners and references by name must be among the manifests; Secrets are never read (their values show as"
                        + " <secret>). Authenticates like the operator (AZURE_* variables)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:planned (with --detailed-exitcode: and nothing would be sent)", "1:some resources could not be"
                + " planned, or ARM could not be used", "2:bad usage", "3:with --detailed-exitcode: some request would be sent"})
public final class PlanCommand implements Callable<Integer> {

    private final Context context;

    @CommandLine.Mixin
    private HelpOption help;

    @Option(names = {"-f", "--filename"}, required = true, paramLabel = "FILE|DIR",
            description = "manifests (YAML or JSON; a folder: its .yaml, .yml and .json files); repeatable")
    private List<Path> files = new ArrayList<>();

    @Option(names = {"-n", "--namespace"}, defaultValue = "default",
            description = "namespace of manifests that name none (default: ${DEFAULT-VALUE})")
    private String namespace;

    @Option(names = "--delete", description = "plan the deletion of the objects instead of their apply")
    private boolean delete;

    @Option(names = {"-o", "--output"}, defaultValue = "text", description = "text, json or yaml (default: ${DEFAULT-VALUE})")
    private PlanReport.Format output;

    @Option(names = "--show-body", description = "text output: print each PUT body in full as well")
    private boolean showBody;

    @Option(names = "--detailed-exitcode", description = "exit 3 when some request would be sent (0 when none)")
    private boolean detailedExitCode;

    public PlanCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        ManifestSet manifests = ManifestSet.read(files, namespace);
        WebhookDefaults defaults = new WebhookDefaults();
        manifests.objects().forEach(defaults::apply);
        RequestPlanner planner = new RequestPlanner(context.catalog(), AzureConnection.fromEnvironment(context.env()), manifests);
        List<PlannedRequest> plans = new ArrayList<>();
        for (ObjectNode object : manifests.objects()) {
            if (!planner.isAzureResource(object)) {
                context.progress().info("ignored: " + ManifestSet.describe(object) + " (not an Azure resource)");
                continue;
            }
            PlannedRequest plan = planner.plan(object, delete);
            if (plan.action() == PlannedRequest.Action.ERROR) {
                context.progress().warn("failed: " + plan.resource() + ": " + plan.reason());
            }
            plans.add(plan);
        }
        context.out().print(PlanReport.render(plans, output, showBody));
        context.out().flush();
        Map<PlannedRequest.Action, Integer> counts = new EnumMap<>(PlannedRequest.Action.class);
        plans.forEach(p -> counts.merge(p.action(), 1, Integer::sum));
        context.progress().warn("plan: " + Words.count(plans.size(), "resource") + ": "
                + counts.getOrDefault(PlannedRequest.Action.CREATE, 0) + " to create, "
                + counts.getOrDefault(PlannedRequest.Action.UPDATE, 0) + " to update, "
                + counts.getOrDefault(PlannedRequest.Action.DELETE, 0) + " to delete, "
                + counts.getOrDefault(PlannedRequest.Action.NO_CHANGE, 0) + " unchanged, "
                + counts.getOrDefault(PlannedRequest.Action.NO_REQUEST, 0) + " held back by reconcile-policy, "
                + counts.getOrDefault(PlannedRequest.Action.ERROR, 0) + " failed");
        if (counts.containsKey(PlannedRequest.Action.ERROR)) {
            return ExitCodes.FAILED;
        }
        boolean sends = plans.stream().anyMatch(p -> p.action().method() != null);
        return detailedExitCode && sends ? ExitCodes.CHANGES : ExitCodes.OK;
    }
}
