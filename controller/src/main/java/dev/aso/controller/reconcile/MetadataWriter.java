package dev.aso.controller.reconcile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;

/** Patches the controller's annotations and the owner reference onto a resource (JSON merge patches, only when needed). */
final class MetadataWriter {

    private final KubernetesClient kube;

    MetadataWriter(KubernetesClient kube) {
        this.kube = kube;
    }

    /** Records the ARM id annotation and the Kubernetes owner (when the owner is a Kubernetes object). */
    void ensure(KindBinding kind, ObjectNode obj, String armId, OwnerReference owner) {
        ObjectNode meta = (ObjectNode) obj.path("metadata");
        ObjectNode patch = Objects.JSON.createObjectNode();
        if (!armId.equals(Objects.annotation(obj, Annotations.RESOURCE_ID))) {
            patch.putObject("annotations").put(Annotations.RESOURCE_ID, armId);
        }
        if (owner != null && !hasOwner(meta.path("ownerReferences"), owner.getUid())) {
            ArrayNode refs = patch.putArray("ownerReferences");
            meta.path("ownerReferences").forEach(r -> refs.add(r.deepCopy()));
            refs.add(Objects.JSON.valueToTree(owner));
        }
        if (!patch.isEmpty()) {
            apply(kind, obj, patch);
        }
    }

    /** Sets (or with a null value removes) one annotation. */
    void annotate(KindBinding kind, ObjectNode obj, String key, String value) {
        String current = Objects.annotation(obj, key);
        if (java.util.Objects.equals(current, value)) {
            return;
        }
        ObjectNode patch = Objects.JSON.createObjectNode();
        ObjectNode annotations = patch.putObject("annotations");
        if (value == null) {
            annotations.putNull(key);
        } else {
            annotations.put(key, value);
        }
        apply(kind, obj, patch);
    }

    private void apply(KindBinding kind, ObjectNode obj, ObjectNode metadataPatch) {
        ObjectNode patch = Objects.JSON.createObjectNode();
        patch.set("metadata", metadataPatch);
        JsonNode meta = obj.path("metadata");
        kube.resources(kind.hubClass()).inNamespace(meta.path("namespace").asText()).withName(meta.path("name").asText())
                .patch(PatchContext.of(PatchType.JSON_MERGE), patch.toString());
        ObjectNode local = (ObjectNode) obj.path("metadata");
        JsonNode annotations = metadataPatch.get("annotations");
        if (annotations != null) {
            ObjectNode target = local.has("annotations") && local.get("annotations").isObject()
                    ? (ObjectNode) local.get("annotations") : local.putObject("annotations");
            annotations.fields().forEachRemaining(e -> {
                if (e.getValue().isNull()) {
                    target.remove(e.getKey());
                } else {
                    target.set(e.getKey(), e.getValue());
                }
            });
        }
        if (metadataPatch.has("ownerReferences")) {
            local.set("ownerReferences", metadataPatch.get("ownerReferences"));
        }
    }

    private static boolean hasOwner(JsonNode refs, String uid) {
        for (JsonNode r : refs) {
            if (uid.equals(r.path("uid").asText())) {
                return true;
            }
        }
        return false;
    }
}
