package dev.aso.cli.crds;

import dev.aso.cli.KubeConnection;
import dev.aso.cli.Progress;
import dev.aso.cli.Words;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code asoctl clean crds}: for every ASO CRD (label {@code app.kubernetes.io/name=azure-service-operator}) whose
 * {@code status.storedVersions} names versions other than its storage version, writes each object back unchanged
 * (so the API server stores it at the storage version) and then removes those versions from
 * {@code status.storedVersions}, after which an upgrade may drop them from the CRD. A CRD with an object that could
 * not be rewritten keeps its storedVersions.
 */
public final class StoredVersionCleaner {

    public static final String ASO_LABEL_KEY = "app.kubernetes.io/name";
    public static final String ASO_LABEL_VALUE = "azure-service-operator";

    /**
     * @param crds    ASO CRDs on the cluster
     * @param cleaned CRDs whose objects were moved and storedVersions pruned (or would be, in a dry run)
     * @param failed  one line per CRD left as it was, with the reason
     */
    public record Outcome(int crds, int cleaned, List<String> failed) { }

    private final KubernetesClient kube;
    private final PrintStream out;
    private final Progress progress;
    private final boolean dryRun;

    public StoredVersionCleaner(KubernetesClient kube, PrintStream out, Progress progress, boolean dryRun) {
        this.kube = kube;
        this.out = out;
        this.progress = progress;
        this.dryRun = dryRun;
    }

    public Outcome run() {
        List<CustomResourceDefinition> crds = kube.apiextensions().v1().customResourceDefinitions()
                .withLabel(ASO_LABEL_KEY, ASO_LABEL_VALUE).list().getItems();
        int cleaned = 0;
        List<String> failed = new ArrayList<>();
        for (CustomResourceDefinition crd : crds) {
            try {
                if (clean(crd)) {
                    cleaned++;
                }
            } catch (CleanFailed e) {
                failed.add(e.getMessage());
                progress.warn("failed: " + e.getMessage());
            } catch (KubernetesClientException e) {
                String line = crd.getMetadata().getName() + ": " + KubeConnection.describe(e) + "; status.storedVersions left as"
                        + " they were";
                failed.add(line);
                progress.warn("failed: " + line);
            }
        }
        return new Outcome(crds.size(), cleaned, failed);
    }

    /** Cleans one CRD; false when it was up to date. */
    private boolean clean(CustomResourceDefinition crd) throws CleanFailed {
        String name = crd.getMetadata().getName();
        List<String> stored = crd.getStatus() == null || crd.getStatus().getStoredVersions() == null ? List.of()
                : crd.getStatus().getStoredVersions();
        String storage = crd.getSpec().getVersions().stream().filter(CustomResourceDefinitionVersion::getStorage)
                .map(CustomResourceDefinitionVersion::getName).findFirst()
                .orElseThrow(() -> new CleanFailed(name + ": the CRD has no storage version"));
        List<String> stale = stored.stream().filter(v -> !v.equals(storage)).toList();
        if (stale.isEmpty()) {
            progress.info("up to date: " + name + " (storedVersions " + stored + ")");
            return false;
        }
        String readAt = readableVersion(crd, storage).orElseThrow(() -> new CleanFailed(name
                + ": no served version to read its objects through; serve the storage version " + storage + " and run again"));
        StoredObjects objects = new StoredObjects(kube, crd, readAt);
        if (dryRun) {
            AtomicInteger count = new AtomicInteger();
            objects.forEach(o -> count.incrementAndGet());
            out.println(name + ": storedVersions " + stored + ", storage version " + storage);
            out.println("  would rewrite " + Words.count(count.get(), "object") + " unchanged, so each is stored"
                    + " at " + storage);
            for (String version : stale) {
                out.println("  would remove " + version + " from status.storedVersions (" + why(crd, version) + ")");
            }
            return true;
        }
        AtomicInteger rewritten = new AtomicInteger();
        List<StoredObjects.Failure> failures = objects.rewriteAll(o -> rewritten.incrementAndGet());
        if (!failures.isEmpty()) {
            StoredObjects.Failure first = failures.get(0);
            throw new CleanFailed(name + ": " + Words.count(failures.size(), "object") + " could not be rewritten (first: "
                    + first.object() + ": " + KubeConnection.describe(first.error())
                    + "); status.storedVersions left at " + stored + "; fix that and run again");
        }
        pruneStoredVersions(name, storage);
        out.println(name + ": rewrote " + Words.count(rewritten.get(), "object") + " at " + storage
                + "; status.storedVersions " + stored + " -> " + List.of(storage));
        return true;
    }

    /** The storage version when served (the usual case), else the first served version. */
    private static Optional<String> readableVersion(CustomResourceDefinition crd, String storage) {
        List<CustomResourceDefinitionVersion> served = crd.getSpec().getVersions().stream()
                .filter(CustomResourceDefinitionVersion::getServed).toList();
        return served.stream().filter(v -> v.getName().equals(storage)).findFirst()
                .or(() -> served.stream().findFirst()).map(CustomResourceDefinitionVersion::getName);
    }

    private static String why(CustomResourceDefinition crd, String version) {
        Optional<CustomResourceDefinitionVersion> v = crd.getSpec().getVersions().stream()
                .filter(x -> x.getName().equals(version)).findFirst();
        if (v.isEmpty()) {
            return "no longer in the CRD";
        }
        if (!Boolean.TRUE.equals(v.get().getServed())) {
            return "not served";
        }
        return Boolean.TRUE.equals(v.get().getDeprecated()) ? "deprecated, no longer the storage version"
                : "no longer the storage version";
    }

    /**
     * Sets storedVersions to the storage version alone, on a fresh read of the CRD (so a concurrent change of it is not
     * overwritten); refuses when the storage version changed meanwhile (objects may be stored at the one cleaned to).
     */
    private void pruneStoredVersions(String name, String storage) throws CleanFailed {
        var crds = kube.apiextensions().v1().customResourceDefinitions();
        for (int attempt = 1; ; attempt++) {
            CustomResourceDefinition fresh = crds.withName(name).get();
            boolean sameStorage = fresh != null && fresh.getSpec().getVersions().stream()
                    .anyMatch(v -> v.getStorage() && v.getName().equals(storage));
            if (!sameStorage) {
                throw new CleanFailed(name + ": the CRD was deleted or its storage version changed while its objects were"
                        + " rewritten; status.storedVersions left as they were; run again");
            }
            fresh.getStatus().setStoredVersions(new ArrayList<>(List.of(storage)));
            try {
                crds.resource(fresh).updateStatus();
                return;
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409 || attempt == 3) {
                    throw e;
                }
            }
        }
    }

    /** A CRD that cannot be cleaned, with the reason and what to do; the other CRDs go on. */
    private static final class CleanFailed extends Exception {
        CleanFailed(String message) {
            super(message);
        }
    }
}
