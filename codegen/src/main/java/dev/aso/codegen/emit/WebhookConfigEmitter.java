package dev.aso.codegen.emit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aso.codegen.config.GeneratorConfig.WebhookService;
import dev.aso.codegen.model.KindModel;
import dev.aso.codegen.model.VersionModel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes the Mutating- and ValidatingWebhookConfigurations, one pair per API group, with ASO's webhook names
 * and paths ({@code /mutate-cache-azure-com-v1api20230801-redis}) for every served version that is not the hub:
 * {@code webhooks/manifests.yaml} in the api module's resources, pointing at the webhooks Service with
 * cert-manager's CA injection (tests rewrite the service to a local URL, as envtest does).
 */
public final class WebhookConfigEmitter {

    public static final String PATH = MetadataEmitter.RESOURCE_ROOT + "webhooks/manifests.yaml";
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final WebhookService service;

    public WebhookConfigEmitter(WebhookService service) {
        this.service = service;
    }

    public void emit(List<KindModel> kinds, GeneratedFiles out) {
        Map<String, List<KindModel>> byGroup = new LinkedHashMap<>();
        kinds.forEach(k -> byGroup.computeIfAbsent(k.shortGroup(), g -> new ArrayList<>()).add(k));
        StringBuilder yaml = new StringBuilder();
        byGroup.forEach((group, groupKinds) -> {
            yaml.append("---\n").append(CrdEmitter.yaml(configuration(group, groupKinds, true)));
            yaml.append("---\n").append(CrdEmitter.yaml(configuration(group, groupKinds, false)));
        });
        out.add(PATH, yaml.toString());
    }

    public static String path(KindModel kind, VersionModel version, boolean mutating) {
        return "/" + (mutating ? "mutate" : "validate") + "-" + kind.group().replace('.', '-') + "-" + version.name()
                + "-" + kind.kind().toLowerCase(Locale.ROOT);
    }

    private ObjectNode configuration(String group, List<KindModel> kinds, boolean mutating) {
        ObjectNode config = JSON.objectNode();
        config.put("apiVersion", "admissionregistration.k8s.io/v1");
        config.put("kind", mutating ? "MutatingWebhookConfiguration" : "ValidatingWebhookConfiguration");
        ObjectNode metadata = config.putObject("metadata");
        metadata.put("name", "azureserviceoperator-" + (mutating ? "mutating" : "validating") + "-webhook-configuration-" + group);
        metadata.putObject("annotations").put("cert-manager.io/inject-ca-from",
                service.namespace() + "/azureserviceoperator-serving-cert");
        ArrayNode webhooks = config.putArray("webhooks");
        for (KindModel kind : kinds) {
            for (VersionModel version : kind.versions()) {
                if (version.storage()) {
                    continue;
                }
                ObjectNode webhook = webhooks.addObject();
                webhook.putArray("admissionReviewVersions").add("v1");
                ObjectNode svc = webhook.putObject("clientConfig").putObject("service");
                svc.put("name", service.name());
                svc.put("namespace", service.namespace());
                svc.put("path", path(kind, version, mutating));
                svc.put("port", 443);
                webhook.put("failurePolicy", "Fail");
                webhook.put("matchPolicy", "Exact");
                webhook.put("name", (mutating ? "default." : "validate.") + version.name() + "." + kind.plural() + "."
                        + kind.group());
                ObjectNode rule = webhook.putArray("rules").addObject();
                rule.putArray("apiGroups").add(kind.group());
                rule.putArray("apiVersions").add(version.name());
                rule.putArray("operations").add("CREATE").add("UPDATE");
                rule.putArray("resources").add(kind.plural());
                webhook.put("sideEffects", "None");
                webhook.put("timeoutSeconds", 10);
            }
        }
        return config;
    }
}
