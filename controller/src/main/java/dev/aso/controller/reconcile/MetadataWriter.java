package dev.aso.controller.reconcile;

import dev.aso.api.meta.OperatorAnnotations;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchType;

import java.util.Map;

/**
 * Patches the controller's annotations and the owner reference onto a resource, only when needed, on the object in
 * hand. The marks of a reconcile (this operator's claim, the ARM id, the owner) are one JSON merge patch: annotations
 * merge key by key, so annotations users add at the same time are never replaced; when the patch claims the resource
 * or creates its owner list it carries the resourceVersion read, so a concurrent claim or owner fails the write (the
 * reconcile is retried on the fresh object) instead of being overwritten. Adding an owner beside others is a JSON
 * patch that tests the list read.
 */
final class MetadataWriter {

    private final KubernetesClient kube;

    MetadataWriter(KubernetesClient kube) {
        this.kube = kube;
    }

    /** Records, in one write, the annotations that differ from {@code annotations} and the owner (null: none). */
    void ensure(KindBinding kind, ObjectNode obj, Map<String, String> annotations, OwnerReference owner) {
        ObjectNode meta = (ObjectNode) obj.path("metadata");
        JsonNode refs = meta.path("ownerReferences");
        boolean addOwner = owner != null && !hasOwner(refs, owner.getUid());
        if (addOwner && !refs.isEmpty()) {
            ownedBy(kind, obj, owner);
            addOwner = false;
        }
        ObjectNode changed = Objects.JSON.createObjectNode();
        annotations.forEach((key, value) -> {
            if (!value.equals(Objects.annotation(obj, key))) {
                changed.put(key, value);
            }
        });
        if (changed.isEmpty() && !addOwner) {
            return;
        }
        ObjectNode patch = Objects.JSON.createObjectNode();
        ObjectNode patchMeta = patch.putObject("metadata");
        if (addOwner || changed.has(OperatorAnnotations.OPERATOR_NAMESPACE)) {
            patchMeta.put("resourceVersion", meta.path("resourceVersion").asText());
        }
        if (!changed.isEmpty()) {
            patchMeta.set("annotations", changed);
        }
        if (addOwner) {
            patchMeta.putArray("ownerReferences").add(Objects.JSON.valueToTree(owner));
        }
        Objects.patch(kube, kind.meta(), obj, PatchType.JSON_MERGE, patch.toString(), false);
        ObjectNode local = meta.get("annotations") instanceof ObjectNode existing ? existing : meta.putObject("annotations");
        local.setAll(changed);
        if (addOwner) {
            meta.set("ownerReferences", patchMeta.get("ownerReferences"));
        }
    }

    /** Adds the Kubernetes owner reference to a list that holds others, testing that the list is the one read. */
    private void ownedBy(KindBinding kind, ObjectNode obj, OwnerReference owner) {
        JsonNode refs = obj.path("metadata").path("ownerReferences");
        ArrayNode list = Objects.JSON.createArrayNode();
        refs.forEach(r -> list.add(r.deepCopy()));
        list.add(Objects.JSON.valueToTree(owner));
        ArrayNode patch = Objects.JSON.createArrayNode();
        patch.addObject().put("op", "test").put("path", "/metadata/ownerReferences").set("value", refs.deepCopy());
        patch.addObject().put("op", "add").put("path", "/metadata/ownerReferences").set("value", list);
        Objects.patch(kube, kind.meta(), obj, PatchType.JSON, patch.toString(), false);
        ((ObjectNode) obj.path("metadata")).set("ownerReferences", list);
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
        Objects.patch(kube, kind.meta(), obj, PatchType.JSON_MERGE, patch.toString(), false);
        ObjectNode meta = (ObjectNode) obj.path("metadata");
        ObjectNode local = meta.get("annotations") instanceof ObjectNode existing ? existing : meta.putObject("annotations");
        if (value == null) {
            local.remove(key);
        } else {
            local.put(key, value);
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
