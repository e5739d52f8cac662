package dev.aso.controller.reconcile;

import dev.aso.api.meta.OperatorAnnotations;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;

/** Patches the controller's annotations and the owner reference onto a resource (JSON patches, only when needed). */
final class MetadataWriter {

    private final KubernetesClient kube;

    MetadataWriter(KubernetesClient kube) {
        this.kube = kube;
    }

    /** Records the ARM id annotation and the Kubernetes owner (when the owner is a Kubernetes object). */
    void ensure(KindBinding kind, ObjectNode obj, String armId, OwnerReference owner) {
        ArrayNode patch = Objects.JSON.createArrayNode();
        if (!armId.equals(Objects.annotation(obj, OperatorAnnotations.RESOURCE_ID))) {
            annotationOp(patch, obj, OperatorAnnotations.RESOURCE_ID, armId);
        }
        JsonNode refs = obj.path("metadata").path("ownerReferences");
        if (owner != null && !hasOwner(refs, owner.getUid())) {
            ArrayNode list = Objects.JSON.createArrayNode();
            refs.forEach(r -> list.add(r.deepCopy()));
            list.add(Objects.JSON.valueToTree(owner));
            patch.addObject().put("op", "add").put("path", "/metadata/ownerReferences").set("value", list);
            ((ObjectNode) obj.path("metadata")).set("ownerReferences", list);
        }
        apply(kind, obj, patch);
    }

    /** Sets (or with a null value removes) one annotation. */
    void annotate(KindBinding kind, ObjectNode obj, String key, String value) {
        if (java.util.Objects.equals(Objects.annotation(obj, key), value)) {
            return;
        }
        ArrayNode patch = Objects.JSON.createArrayNode();
        annotationOp(patch, obj, key, value);
        apply(kind, obj, patch);
    }

    /** Adds the JSON patch operation for one annotation to {@code patch} and applies it to the local copy. */
    private static void annotationOp(ArrayNode patch, ObjectNode obj, String key, String value) {
        ObjectNode meta = (ObjectNode) obj.path("metadata");
        JsonNode annotations = meta.get("annotations");
        if (!(annotations instanceof ObjectNode existing)) {
            if (value != null) {
                ObjectNode fresh = Objects.JSON.createObjectNode().put(key, value);
                patch.addObject().put("op", "add").put("path", "/metadata/annotations").set("value", fresh.deepCopy());
                meta.set("annotations", fresh);
            }
            return;
        }
        String path = "/metadata/annotations/" + key.replace("~", "~0").replace("/", "~1");
        if (value == null) {
            patch.addObject().put("op", "remove").put("path", path);
            existing.remove(key);
        } else {
            patch.addObject().put("op", "add").put("path", path).put("value", value);
            existing.put(key, value);
        }
    }

    private void apply(KindBinding kind, ObjectNode obj, ArrayNode patch) {
        if (patch.isEmpty()) {
            return;
        }
        JsonNode meta = obj.path("metadata");
        kube.resources(kind.hubClass()).inNamespace(meta.path("namespace").asText()).withName(meta.path("name").asText())
                .patch(PatchContext.of(PatchType.JSON), patch.toString());
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
