package dev.aso.controller.reconcile;

import dev.aso.api.meta.OperatorAnnotations;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;

/**
 * Patches the controller's annotations and the owner reference onto a resource, only when needed. An annotation is
 * written as a JSON merge patch of that one key, so annotations users add at the same time are never replaced.
 */
final class MetadataWriter {

    private final KubernetesClient kube;

    MetadataWriter(KubernetesClient kube) {
        this.kube = kube;
    }

    /** Records the ARM id annotation and the Kubernetes owner (when the owner is a Kubernetes object). */
    void ensure(KindBinding kind, ObjectNode obj, String armId, OwnerReference owner) {
        annotate(kind, obj, OperatorAnnotations.RESOURCE_ID, armId);
        ownedBy(kind, obj, owner);
    }

    /** Adds the Kubernetes owner reference (null: none) when the object does not have it yet. */
    void ownedBy(KindBinding kind, ObjectNode obj, OwnerReference owner) {
        JsonNode refs = obj.path("metadata").path("ownerReferences");
        if (owner != null && !hasOwner(refs, owner.getUid())) {
            ArrayNode list = Objects.JSON.createArrayNode();
            refs.forEach(r -> list.add(r.deepCopy()));
            list.add(Objects.JSON.valueToTree(owner));
            ArrayNode patch = Objects.JSON.createArrayNode();
            // the test fails the patch when another writer changed the list since it was read
            if (refs.isArray()) {
                patch.addObject().put("op", "test").put("path", "/metadata/ownerReferences").set("value", refs.deepCopy());
            }
            patch.addObject().put("op", "add").put("path", "/metadata/ownerReferences").set("value", list);
            patch(kind, obj, PatchType.JSON, patch.toString());
            ((ObjectNode) obj.path("metadata")).set("ownerReferences", list);
        }
    }

    /** Sets (or with a null value removes) one annotation. */
    void annotate(KindBinding kind, ObjectNode obj, String key, String value) {
        if (java.util.Objects.equals(Objects.annotation(obj, key), value)) {
            return;
        }
        ObjectNode patch = Objects.JSON.createObjectNode();
        ObjectNode annotations = patch.putObject("metadata").putObject("annotations");
        if (value == null) {
            annotations.putNull(key);
        } else {
            annotations.put(key, value);
        }
        patch(kind, obj, PatchType.JSON_MERGE, patch.toString());
        ObjectNode meta = (ObjectNode) obj.path("metadata");
        ObjectNode local = meta.get("annotations") instanceof ObjectNode existing ? existing : meta.putObject("annotations");
        if (value == null) {
            local.remove(key);
        } else {
            local.put(key, value);
        }
    }

    private void patch(KindBinding kind, ObjectNode obj, PatchType type, String patch) {
        JsonNode meta = obj.path("metadata");
        kube.resources(kind.hubClass()).inNamespace(meta.path("namespace").asText()).withName(meta.path("name").asText())
                .patch(PatchContext.of(type), patch);
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
