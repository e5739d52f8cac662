package dev.aso.controller.reconcile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aso.api.meta.OperatorAnnotations;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * ASO's {@code spec.azureNameFromConfig}: the resource's Azure name is the value of a ConfigMap key, read when the
 * resource is first reconciled and recorded in the operator-owned annotation
 * {@link OperatorAnnotations#AZURE_NAME_FROM_CONFIG} before anything is written to Azure. From then on the recorded
 * name is the resource's ({@link ReconcileTarget#azureName}), as a {@code spec.azureName} cannot change either: a later
 * change of the ConfigMap never moves the resource to another ARM id.
 */
final class AzureNameFromConfig {

    private static final String FIELD = "spec.azureNameFromConfig";

    private final KubernetesClient kube;
    private final MetadataWriter metadata;

    AzureNameFromConfig(KubernetesClient kube, MetadataWriter metadata) {
        this.kube = kube;
        this.metadata = metadata;
    }

    /** Records the name the spec's ConfigMap key holds, when the spec names one and no name is recorded yet. */
    void record(KindBinding kind, ObjectNode obj) throws ReconcileStop {
        JsonNode ref = obj.path("spec").path("azureNameFromConfig");
        if (!ref.isObject() || Objects.annotation(obj, OperatorAnnotations.AZURE_NAME_FROM_CONFIG) != null) {
            return;
        }
        String namespace = obj.path("metadata").path("namespace").asText();
        String name = ref.path("name").asText("");
        String key = ref.path("key").asText("");
        ConfigMap map = name.isEmpty() ? null : kube.configMaps().inNamespace(namespace).withName(name).get();
        if (map == null) {
            throw ReconcileStop.warning("ConfigMapNotFound", FIELD + ": ConfigMap " + namespace + "/" + name
                    + " does not exist");
        }
        String value = map.getData() == null ? null : map.getData().get(key);
        if (value == null || value.isBlank()) {
            throw ReconcileStop.warning("ConfigMapNotFound", FIELD + ": ConfigMap " + namespace + "/" + name
                    + " has no value for key '" + key + "'");
        }
        metadata.annotate(kind, obj, OperatorAnnotations.AZURE_NAME_FROM_CONFIG, value);
    }
}
