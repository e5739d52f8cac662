package dev.aso.cli;

import dev.aso.cli.crds.StoredVersionCleaner;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.File;
import java.util.concurrent.Callable;

/** {@code asoctl clean crds}: moves stored objects off old versions and prunes {@code status.storedVersions}. */
@Command(name = "crds", sortOptions = false,
        description = {"Before an upgrade that removes API versions: for every Azure Service Operator CRD whose"
                + " status.storedVersions lists versions other than its storage version, write each object back unchanged"
                + " (the API server then stores it at the storage version) and remove the other versions from"
                + " status.storedVersions.",
                "Needs the operator's webhooks running (they convert between versions) and permission to list and update"
                        + " the resources and to update customresourcedefinitions/status."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every CRD is clean (or, with --dry-run, the plan was printed)", "1:some CRDs could not be cleaned"
                + " (they are left as they were), no ASO CRD was found, or the cluster could not be used", "2:bad usage"})
public final class CleanCrdsCommand implements Callable<Integer> {

    private final Context context;

    @CommandLine.Mixin
    private HelpOption help;

    @Option(names = "--dry-run", description = "print what would be rewritten and pruned; change nothing")
    private boolean dryRun;

    @Option(names = "--kubeconfig", paramLabel = "FILE", description = "kubeconfig (default: $KUBECONFIG, ~/.kube/config, in-cluster)")
    private File kubeconfig;

    @Option(names = "--context", description = "kubeconfig context (default: the current one)")
    private String kubeContext;

    @Option(names = {"-q", "--quiet"}, description = "no progress lines, only warnings and failures")
    private boolean quiet;

    public CleanCrdsCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        Progress progress = quiet ? context.progress().quiet() : context.progress();
        try (KubernetesClient kube = KubeConnection.connect(context.env(), kubeconfig, kubeContext)) {
            StoredVersionCleaner.Outcome outcome = new StoredVersionCleaner(kube, context.out(), progress, dryRun).run();
            context.out().flush();
            if (outcome.crds() == 0) {
                progress.warn("asoctl: no Azure Service Operator CRDs on the cluster (label " + StoredVersionCleaner.ASO_LABEL_KEY
                        + "=" + StoredVersionCleaner.ASO_LABEL_VALUE + "); is the operator installed, and is the kubeconfig"
                        + " for the right cluster?");
                return ExitCodes.FAILED;
            }
            progress.warn((dryRun ? "dry run: " : "") + Words.count(outcome.crds(), "ASO CRD") + ", " + outcome.cleaned()
                    + (dryRun ? " to clean, " : " cleaned, ") + outcome.failed().size() + " failed, "
                    + (outcome.crds() - outcome.cleaned() - outcome.failed().size()) + " up to date");
            return outcome.failed().isEmpty() ? ExitCodes.OK : ExitCodes.FAILED;
        } catch (KubernetesClientException e) {
            progress.warn("asoctl: " + KubeConnection.describe(e));
            return ExitCodes.FAILED;
        }
    }
}
