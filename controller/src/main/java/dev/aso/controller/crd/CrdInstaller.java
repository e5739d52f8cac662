package dev.aso.controller.crd;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Installs the CRDs shipped in the controller ({@code crds/index.txt} on the classpath) that match the crdPattern,
 * and upgrades every shipped CRD already on the cluster; never deletes one. An empty pattern on a cluster without any
 * of them is an error, since the controller would have nothing to do.
 */
public final class CrdInstaller {

    private static final Logger LOG = LoggerFactory.getLogger(CrdInstaller.class);
    private static final String INJECT_CA_FROM = "cert-manager.io/inject-ca-from";
    private static final String SERVING_CERT = "azureserviceoperator-serving-cert";
    private final KubernetesClient kube;
    private final String webhookNamespace;

    /** @param webhookNamespace where the webhooks Service runs (the operator's namespace): the CRDs' conversion goes there */
    public CrdInstaller(KubernetesClient kube, String webhookNamespace) {
        this.kube = kube;
        this.webhookNamespace = webhookNamespace;
    }

    /** What installation did; {@code active} is every shipped CRD now on the cluster, as {@code group/Kind}. */
    public record Result(List<String> created, List<String> upgraded, Set<String> active) { }

    public Result install(CrdPattern pattern) {
        List<String> created = new ArrayList<>();
        List<String> upgraded = new ArrayList<>();
        Set<String> active = new LinkedHashSet<>();
        for (CustomResourceDefinition crd : shipped()) {
            pointConversionAtThisNamespace(crd);
            String group = crd.getSpec().getGroup();
            String kind = crd.getSpec().getNames().getKind();
            String id = group + "/" + kind;
            CustomResourceDefinition existing = kube.apiextensions().v1().customResourceDefinitions()
                    .withName(crd.getMetadata().getName()).get();
            if (existing == null) {
                if (pattern.matches(group, kind)) {
                    kube.resource(crd).create();
                    created.add(id);
                    active.add(id);
                }
                continue;
            }
            active.add(id);
            keepInjectedCaBundle(existing, crd);
            if (!existing.getSpec().equals(crd.getSpec())) {
                crd.getMetadata().setResourceVersion(existing.getMetadata().getResourceVersion());
                kube.resource(crd).update();
                upgraded.add(id);
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
     * {@code --crd-management=none}: changes nothing, only finds which shipped CRDs are on the cluster (installed by
     * someone else: a GitOps pipeline, or a test set-up whose conversion webhook points at a local URL).
     */
    public Result present() {
        Set<String> active = new LinkedHashSet<>();
        for (CustomResourceDefinition crd : shipped()) {
            if (kube.apiextensions().v1().customResourceDefinitions().withName(crd.getMetadata().getName()).get() != null) {
                active.add(crd.getSpec().getGroup() + "/" + crd.getSpec().getNames().getKind());
            }
        }
        if (active.isEmpty()) {
            throw new IllegalStateException("--crd-management=none and none of the CRDs the controller ships is installed:"
                    + " install them, or use --crd-management=auto with a crdPattern");
        }
        LOG.info("CRDs: management off, {} active", active.size());
        return new Result(List.of(), List.of(), active);
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

    /** The CRDs shipped on the classpath. */
    public List<CustomResourceDefinition> shipped() {
        List<CustomResourceDefinition> out = new ArrayList<>();
        for (String file : read("crds/index.txt").split("\n")) {
            if (!file.isBlank()) {
                out.add(kube.getKubernetesSerialization().unmarshal(read("crds/" + file.trim()), CustomResourceDefinition.class));
            }
        }
        return out;
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
