package dev.aso.controller.crd;

import dev.aso.api.meta.KindCatalog;
import dev.aso.api.meta.KindMeta;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Installs the CRDs shipped in the controller (one per kind of the catalog, {@code crds/<group>_<plural>.yaml} on the
 * classpath) that match the crdPattern,
 * and upgrades every shipped CRD already on the cluster; never deletes one. Which CRDs are installed comes from one list
 * of their metadata ({@link ClusterCrds}); an installed CRD is read whole only when its record of the last check
 * ({@link #CHECKED}) does not match the shipped CRD and its current generation. An empty pattern on a cluster without any
 * of them is an error, since the controller would have nothing to do.
 */
public final class CrdInstaller {

    private static final Logger LOG = LoggerFactory.getLogger(CrdInstaller.class);
    private static final String INJECT_CA_FROM = "cert-manager.io/inject-ca-from";
    private static final int HTTP_CONFLICT = 409;
    private static final String SERVING_CERT = "azureserviceoperator-serving-cert";
    /** On an installed CRD: the shipped CRD and the generation at which its spec was last found equal to it. */
    static final String CHECKED = "serviceoperator.azure.com/crd-checked";
    private final KubernetesClient kube;
    private final String webhookNamespace;
    private final KindCatalog shipped;

    /**
     * @param webhookNamespace where the webhooks Service runs (the operator's namespace): the CRDs' conversion goes there
     * @param shipped the kinds whose CRDs the controller ships (one CRD file each, {@code crds/<group>_<plural>.yaml})
     */
    public CrdInstaller(KubernetesClient kube, String webhookNamespace, KindCatalog shipped) {
        this.kube = kube;
        this.webhookNamespace = webhookNamespace;
        this.shipped = shipped;
    }

    /** What installation did; {@code active} is every shipped CRD now on the cluster, as {@code group/Kind}. */
    public record Result(List<String> created, List<String> upgraded, Set<String> active) { }

    /**
     * A shipped CRD is parsed only to be created or compared: one whose record of the last check matches is known by
     * its name and its file's fingerprint (parsing all 291 took about 4 s of a restart on a busy machine).
     */
    public Result install(CrdPattern pattern) {
        List<String> created = new ArrayList<>();
        List<String> upgraded = new ArrayList<>();
        Set<String> active = new LinkedHashSet<>();
        Map<String, ClusterCrds.Installed> onCluster = ClusterCrds.list(kube);
        for (KindMeta kind : shipped.kinds()) {
            ClusterCrds.Installed installed = onCluster.get(crdName(kind));
            if (installed == null && !pattern.matches(kind.group(), kind.kind())) {
                continue;
            }
            String text = read("crds/" + kind.group() + "_" + kind.plural() + ".yaml");
            String fingerprint = fingerprint(text);
            active.add(kind.groupKind());
            if (installed != null && checked(fingerprint, installed.generation()).equals(installed.annotations().get(CHECKED))) {
                continue;
            }
            CustomResourceDefinition crd = kube.getKubernetesSerialization().unmarshal(text, CustomResourceDefinition.class);
            pointConversionAtThisNamespace(crd);
            if (installed == null) {
                annotations(crd).put(CHECKED, checked(fingerprint, 1)); // the API server gives every new CRD generation 1
                kube.resource(crd).create();
                created.add(kind.groupKind());
            } else if (upgrade(crd, fingerprint)) {
                upgraded.add(kind.groupKind());
            }
        }
        if (active.isEmpty()) {
            throw new IllegalStateException(pattern.isEmpty()
                    ? "crdPattern is empty and no Azure Service Operator CRDs are installed, so there is nothing to reconcile:"
                      + " set crdPattern (chart value) or --crd-pattern, e.g. 'resources.azure.com/*;cache.azure.com/*'"
                    : "crdPattern '" + pattern + "' matches none of the CRDs the controller ships");
        }
        LOG.info("CRDs: {} created, {} upgraded, {} active", created.size(), upgraded.size(), active.size());
        return new Result(created, upgraded, active);
    }

    /**
     * Brings an installed CRD to the shipped one when its spec differs (keeping the injected caBundle), then records
     * on it which shipped CRD its spec was checked against at which generation: until a release ships another CRD or
     * someone changes its spec (which moves the generation), later starts skip the GET and the comparison.
     */
    private boolean upgrade(CustomResourceDefinition desired, String fingerprint) {
        CustomResourceDefinition existing = kube.apiextensions().v1().customResourceDefinitions()
                .withName(desired.getMetadata().getName()).get();
        if (existing == null) {
            return false; // deleted since the list: the next start creates it when the pattern matches
        }
        keepInjectedCaBundle(existing, desired);
        long generation = existing.getMetadata().getGeneration();
        boolean differs = !existing.getSpec().equals(desired.getSpec());
        CustomResourceDefinition written = existing;
        if (differs) {
            desired.getMetadata().setResourceVersion(existing.getMetadata().getResourceVersion());
            written = desired;
            generation++; // the API server moves a CRD's generation by one on a change of spec
        }
        annotations(written).put(CHECKED, checked(fingerprint, generation));
        try {
            CustomResourceDefinition after = kube.resource(written).update(); // an update: the role has no patch
            if (after.getMetadata().getGeneration() != generation) {
                // the API server saw no change of spec (the difference was in fields it defaults): record its generation
                annotations(after).put(CHECKED, checked(fingerprint, after.getMetadata().getGeneration()));
                kube.resource(after).update();
            }
        } catch (KubernetesClientException e) {
            // someone changed the CRD since the GET (cert-manager injecting its CA, say): when only the record of the
            // check was to be written, the next start checks again; an upgrade fails the start, retried on the new CRD
            if (differs || e.getCode() != HTTP_CONFLICT) {
                throw e;
            }
        }
        return differs;
    }

    /**
     * {@code --crd-management=none}: changes nothing, only finds which shipped CRDs are on the cluster (installed by
     * someone else: a GitOps pipeline, or a test set-up whose conversion webhook points at a local URL).
     */
    public Result present() {
        Set<String> active = new LinkedHashSet<>();
        Map<String, ClusterCrds.Installed> onCluster = ClusterCrds.list(kube);
        for (KindMeta kind : shipped.kinds()) {
            if (onCluster.containsKey(crdName(kind))) {
                active.add(kind.groupKind());
            }
        }
        if (active.isEmpty()) {
            throw new IllegalStateException("--crd-management=none and none of the CRDs the controller ships is installed:"
                    + " install them, or use --crd-management=auto with a crdPattern");
        }
        LOG.info("CRDs: management off, {} active", active.size());
        return new Result(List.of(), List.of(), active);
    }

    /** The shipped CRD as this operator installs it: its file's text and the namespace its conversion points at. */
    private String fingerprint(String text) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(text.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(webhookNamespace.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest(), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }

    private static String checked(String fingerprint, long generation) {
        return "sha256:" + fingerprint + ";generation=" + generation;
    }

    private static Map<String, String> annotations(CustomResourceDefinition crd) {
        if (crd.getMetadata().getAnnotations() == null) {
            crd.getMetadata().setAnnotations(new HashMap<>());
        }
        return crd.getMetadata().getAnnotations();
    }

    /** The shipped CRDs name ASO's default namespace; the operator may be installed in another one. */
    private void pointConversionAtThisNamespace(CustomResourceDefinition crd) {
        var conversion = crd.getSpec().getConversion();
        if (conversion != null && conversion.getWebhook() != null && conversion.getWebhook().getClientConfig() != null
                && conversion.getWebhook().getClientConfig().getService() != null) {
            conversion.getWebhook().getClientConfig().getService().setNamespace(webhookNamespace);
        }
        if (crd.getMetadata().getAnnotations() != null && crd.getMetadata().getAnnotations().containsKey(INJECT_CA_FROM)) {
            crd.getMetadata().getAnnotations().put(INJECT_CA_FROM, webhookNamespace + "/" + SERVING_CERT);
        }
    }

    /** The caBundle is cert-manager's (or the webhook server's) to fill: an upgrade must not blank it. */
    private static void keepInjectedCaBundle(CustomResourceDefinition existing, CustomResourceDefinition desired) {
        var had = existing.getSpec().getConversion();
        var wants = desired.getSpec().getConversion();
        if (had == null || had.getWebhook() == null || had.getWebhook().getClientConfig() == null
                || wants == null || wants.getWebhook() == null || wants.getWebhook().getClientConfig() == null) {
            return;
        }
        if (wants.getWebhook().getClientConfig().getCaBundle() == null) {
            wants.getWebhook().getClientConfig().setCaBundle(had.getWebhook().getClientConfig().getCaBundle());
        }
    }

    private static String crdName(KindMeta kind) {
        return kind.plural() + "." + kind.group();
    }

    private static String read(String resource) {
        try (InputStream in = CrdInstaller.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the classpath (is aso-api built?)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
