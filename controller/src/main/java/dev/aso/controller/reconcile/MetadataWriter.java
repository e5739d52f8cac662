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
 * Patches the controller's finalizer, annotations and the owner reference onto a resource, only when needed, on the
 * object in hand. The marks of a reconcile (the finalizer, this operator's claim, the ARM id, the owner) are one JSON
 * merge patch, sent before anything is written to Azure: annotations merge key by key, so annotations users add at the
 * same time are never replaced; when the patch creates the finalizer list, claims the resource or creates its owner
 * list it carries the resourceVersion read, so a concurrent change fails the write (the reconcile is retried on the
 * fresh object) instead of being overwritten. Adding the finalizer or an owner beside others' is a JSON patch that
 * tests the list read. One write where JOSDK's own finalizer handling made two: each write of a custom
 * resource costs the API server a conversion webhook call for every served version (docs/performance.md).
 */
final class MetadataWriter {

    private final KubernetesClient kube;

    MetadataWriter(KubernetesClient kube) {
        this.kube = kube;
    }

    /**
     * Records, in one write, the finalizer when missing, the annotations that differ from {@code annotations} and the
     * owner (null: none).
     */
    void ensure(KindBinding kind, ObjectNode obj, Map<String, String> annotations, OwnerReference owner) {
        ObjectNode meta = (ObjectNode) obj.path("metadata");
        boolean addFinalizer = !hasFinalizer(obj);
        if (addFinalizer && !meta.path("finalizers").isEmpty()) {
            finalizedBeside(kind, obj);
            addFinalizer = false;
        }
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
        if (changed.isEmpty() && !addOwner && !addFinalizer) {
            return;
        }
        ObjectNode patch = Objects.JSON.createObjectNode();
        ObjectNode patchMeta = patch.putObject("metadata");
        if (addOwner || addFinalizer || changed.has(OperatorAnnotations.OPERATOR_NAMESPACE)) {
            patchMeta.put("resourceVersion", meta.path("resourceVersion").asText());
        }
        if (addFinalizer) {
            patchMeta.putArray("finalizers").add(OperatorAnnotations.FINALIZER);
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
        if (addFinalizer) {
            meta.set("finalizers", patchMeta.get("finalizers"));
        }
    }

    private static boolean hasFinalizer(JsonNode obj) {
        for (JsonNode f : obj.path("metadata").path("finalizers")) {
            if (OperatorAnnotations.FINALIZER.equals(f.asText())) {
                return true;
            }
        }
        return false;
    }

    /** Removes this operator's finalizer (a delete is done), testing that it is still where it was read. */
    void removeFinalizer(KindBinding kind, ObjectNode obj) {
        JsonNode finalizers = obj.path("metadata").path("finalizers");
        for (int i = 0; i < finalizers.size(); i++) {
            if (OperatorAnnotations.FINALIZER.equals(finalizers.get(i).asText())) {
                ArrayNode patch = Objects.JSON.createArrayNode();
                String path = "/metadata/finalizers/" + i;
                patch.addObject().put("op", "test").put("path", path).put("value", OperatorAnnotations.FINALIZER);
                patch.addObject().put("op", "remove").put("path", path);
                Objects.patch(kube, kind.meta(), obj, PatchType.JSON, patch.toString(), false);
                ((ArrayNode) finalizers).remove(i);
                return;
            }
        }
    }

    /** Adds this operator's finalizer to a list that holds others', testing that the list is the one read. */
    private void finalizedBeside(KindBinding kind, ObjectNode obj) {
        JsonNode finalizers = obj.path("metadata").path("finalizers");
        ArrayNode patch = Objects.JSON.createArrayNode();
        patch.addObject().put("op", "test").put("path", "/metadata/finalizers").set("value", finalizers.deepCopy());
        patch.addObject().put("op", "add").put("path", "/metadata/finalizers/-").put("value", OperatorAnnotations.FINALIZER);
        Objects.patch(kube, kind.meta(), obj, PatchType.JSON, patch.toString(), false);
        ((ArrayNode) finalizers).add(OperatorAnnotations.FINALIZER);
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
