package dev.aso.controller.reconcile;

import dev.aso.api.meta.OperatorAnnotations;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aso.api.meta.KindCatalog;
import dev.aso.api.meta.KindMeta;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.time.Duration;

/**
 * The ARM id a resource lives under: the subscription (resource groups), {@code spec.owner.armId}, or the ARM id of
 * the owner named by {@code spec.owner.name}, which must exist in the same namespace and be Ready (else
 * {@code WaitingForOwner}, woken by {@link OwnerWakeups} when the owner becomes Ready, else checked again after
 * {@link #OWNER_POLL}); in that last case the owner also becomes the object's Kubernetes owner.
 */
final class OwnerResolver {

    /**
     * @param ownerReference null when the owner is not a Kubernetes object
     * @param object         the owner object at its hub version, null when it is not a Kubernetes object
     */
    record Owner(String armId, OwnerReference ownerReference, ObjectNode object) { }

    /** The fallback when no wake-up comes (an owner made Ready by another process, say). */
    static final Duration OWNER_POLL = Duration.ofSeconds(30);

    private final KubernetesClient kube;
    private final KindCatalog catalog;
    private final OwnerWakeups wakeups;

    OwnerResolver(KubernetesClient kube, KindCatalog catalog, OwnerWakeups wakeups) {
        this.kube = kube;
        this.catalog = catalog;
        this.wakeups = wakeups;
    }

    Owner resolve(ObjectNode obj, KindMeta kind, String subscriptionId) throws ReconcileStop {
        if (kind.ownerKind() == null) {
            return new Owner("/subscriptions/" + subscriptionId, null, null);
        }
        JsonNode owner = obj.path("spec").path("owner");
        String armId = owner.path("armId").asText("");
        if (!armId.isEmpty()) {
            return new Owner(armId, null, null);
        }
        String name = owner.path("name").asText("");
        if (name.isEmpty()) {
            throw ReconcileStop.error("OwnerNotSet", "spec.owner is required: set spec.owner.name to a "
                    + kind.ownerKind() + " in this namespace, or spec.owner.armId to an ARM id");
        }
        KindMeta ownerKind = ownerKind(obj, kind);
        String namespace = obj.path("metadata").path("namespace").asText();
        String child = obj.path("metadata").path("name").asText();
        // recorded before the owner is read, so that its becoming Ready in between still wakes this child
        wakeups.waitFor(ownerKind.groupKind(), namespace, name, kind.groupKind(), child);
        ObjectNode ownerObj = Objects.get(kube, ownerKind, namespace, name).orElseThrow(() -> waiting(
                "Owner " + ownerKind.kind() + " " + namespace + "/" + name + " does not exist"));
        String ownerId = Objects.annotation(ownerObj, OperatorAnnotations.RESOURCE_ID);
        if (!Objects.isReady(ownerObj) || ownerId == null) {
            throw waiting("Owner " + ownerKind.kind() + " " + namespace + "/" + name + " is not Ready");
        }
        wakeups.stopWaiting(ownerKind.groupKind(), namespace, name, kind.groupKind(), child);
        JsonNode meta = ownerObj.path("metadata");
        OwnerReference ref = new OwnerReferenceBuilder().withApiVersion(ownerObj.path("apiVersion").asText())
                .withKind(ownerKind.kind()).withName(name).withUid(meta.path("uid").asText()).build();
        return new Owner(ownerId, ref, ownerObj);
    }

    /**
     * The owner's ARM id when deleting: as {@link #resolve}, but an owner that is no longer Ready (being deleted
     * itself, say) still counts; empty when the owner object is gone or never got an id.
     */
    java.util.Optional<String> ownerIdForDelete(ObjectNode obj, KindMeta kind, String subscriptionId) {
        if (kind.ownerKind() == null) {
            return java.util.Optional.of("/subscriptions/" + subscriptionId);
        }
        String armId = obj.path("spec").path("owner").path("armId").asText("");
        if (!armId.isEmpty()) {
            return java.util.Optional.of(armId);
        }
        return ownerObject(obj, kind).map(o -> Objects.annotation(o, OperatorAnnotations.RESOURCE_ID));
    }

    /**
     * The owner object named by {@code spec.owner.name}, Ready or not (being deleted, say); empty when the kind has no
     * owner kind, the owner is named by armId, or the object is gone.
     */
    java.util.Optional<ObjectNode> ownerObject(ObjectNode obj, KindMeta kind) {
        String name = obj.path("spec").path("owner").path("name").asText("");
        if (kind.ownerKind() == null || name.isEmpty()) {
            return java.util.Optional.empty();
        }
        String[] groupKind = kind.ownerKindOf(obj).split("/");
        return catalog.kind(groupKind[0], groupKind[1])
                .flatMap(ownerKind -> Objects.get(kube, ownerKind, obj.path("metadata").path("namespace").asText(), name));
    }

    /** The kind of the owner {@code spec.owner.name} names ({@link KindMeta#ownerKindOf}); a stop when it is unknown. */
    private KindMeta ownerKind(ObjectNode obj, KindMeta kind) throws ReconcileStop {
        String groupKind = kind.ownerKindOf(obj);
        String[] parts = groupKind.split("/");
        return catalog.kind(parts[0], parts[1]).filter(k -> k.armType() != null).orElseThrow(() -> ReconcileStop.error(
                "InvalidOwner", "spec.owner: " + groupKind + " is not a kind of Azure resource this operator serves; set"
                        + " spec.owner.group and spec.owner.kind to one (e.g. resources.azure.com and ResourceGroup),"
                        + " or spec.owner.armId"));
    }

    private static ReconcileStop waiting(String message) {
        return new ReconcileStop(ReconcileStop.Severity.WARNING, "WaitingForOwner", message, OWNER_POLL);
    }
}
