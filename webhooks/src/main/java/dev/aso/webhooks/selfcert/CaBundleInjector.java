package dev.aso.webhooks.selfcert;

import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.WebhookClientConfig;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceConversion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Puts the caBundle into every webhook of the Mutating- and ValidatingWebhookConfigurations, and into the conversion
 * webhook of every CRD, that carry the label selector; what cert-manager's CA injector does for the
 * {@code cert-manager.io/inject-ca-from} annotation. Only objects whose caBundle differs are patched (a JSON patch
 * that first tests the webhook's name, so a concurrent change of the list fails the patch instead of hitting the
 * wrong webhook; the next round retries).
 */
final class CaBundleInjector {

    private final KubernetesClient kube;
    private final Map<String, String> selector;

    CaBundleInjector(KubernetesClient kube, String selector) {
        this.kube = kube;
        this.selector = parseSelector(selector);
    }

    /** @return the names of the objects patched, as {@code Kind/name} */
    List<String> inject(String caBundlePem) {
        String bundle = Base64.getEncoder().encodeToString(caBundlePem.getBytes(StandardCharsets.US_ASCII));
        List<String> patched = new ArrayList<>();
        for (MutatingWebhookConfiguration c : kube.admissionRegistration().v1().mutatingWebhookConfigurations()
                .withLabels(selector).list().getItems()) {
            if (patchWebhooks(c.getWebhooks(), MutatingWebhook::getName, MutatingWebhook::getClientConfig, bundle,
                    patch -> kube.admissionRegistration().v1().mutatingWebhookConfigurations()
                            .withName(c.getMetadata().getName()).patch(PatchContext.of(PatchType.JSON), patch))) {
                patched.add("MutatingWebhookConfiguration/" + c.getMetadata().getName());
            }
        }
        for (ValidatingWebhookConfiguration c : kube.admissionRegistration().v1().validatingWebhookConfigurations()
                .withLabels(selector).list().getItems()) {
            if (patchWebhooks(c.getWebhooks(), ValidatingWebhook::getName, ValidatingWebhook::getClientConfig, bundle,
                    patch -> kube.admissionRegistration().v1().validatingWebhookConfigurations()
                            .withName(c.getMetadata().getName()).patch(PatchContext.of(PatchType.JSON), patch))) {
                patched.add("ValidatingWebhookConfiguration/" + c.getMetadata().getName());
            }
        }
        for (CustomResourceDefinition crd : kube.apiextensions().v1().customResourceDefinitions()
                .withLabels(selector).list().getItems()) {
            CustomResourceConversion conversion = crd.getSpec().getConversion();
            if (conversion == null || !"Webhook".equals(conversion.getStrategy()) || conversion.getWebhook() == null
                    || conversion.getWebhook().getClientConfig() == null
                    || bundle.equals(conversion.getWebhook().getClientConfig().getCaBundle())) {
                continue;
            }
            kube.apiextensions().v1().customResourceDefinitions().withName(crd.getMetadata().getName())
                    .patch(PatchContext.of(PatchType.JSON), "[{\"op\":\"add\",\"path\":"
                            + "\"/spec/conversion/webhook/clientConfig/caBundle\",\"value\":\"" + bundle + "\"}]");
            patched.add("CustomResourceDefinition/" + crd.getMetadata().getName());
        }
        return patched;
    }

    private static <W> boolean patchWebhooks(List<W> webhooks, Function<W, String> name,
                                             Function<W, WebhookClientConfig> clientConfig, String bundle,
                                             java.util.function.Consumer<String> apply) {
        if (webhooks == null) {
            return false;
        }
        StringBuilder ops = new StringBuilder();
        for (int i = 0; i < webhooks.size(); i++) {
            W w = webhooks.get(i);
            if (clientConfig.apply(w) == null || bundle.equals(clientConfig.apply(w).getCaBundle())) {
                continue;
            }
            ops.append(ops.isEmpty() ? "" : ",")
                    .append("{\"op\":\"test\",\"path\":\"/webhooks/").append(i).append("/name\",\"value\":\"")
                    .append(name.apply(w)).append("\"},")
                    .append("{\"op\":\"add\",\"path\":\"/webhooks/").append(i)
                    .append("/clientConfig/caBundle\",\"value\":\"").append(bundle).append("\"}");
        }
        if (ops.isEmpty()) {
            return false;
        }
        apply.accept("[" + ops + "]");
        return true;
    }

    /** {@code a=b,c=d} (equality terms only, as the label selectors of this feature need). */
    static Map<String, String> parseSelector(String selector) {
        Map<String, String> labels = new java.util.LinkedHashMap<>();
        for (String term : selector.split(",")) {
            String[] kv = term.split("=", 2);
            if (kv.length != 2 || kv[0].isBlank() || kv[1].isBlank() || kv[1].startsWith("=")) {
                throw new IllegalArgumentException("--inject-selector must be label=value pairs separated by commas,"
                        + " got \"" + selector + "\"");
            }
            labels.put(kv[0].strip(), kv[1].strip());
        }
        return labels;
    }
}
