package dev.aso.cli.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aso.api.meta.KindCatalog;
import dev.aso.api.meta.KindMeta;
import dev.aso.api.meta.OperatorAnnotations;
import dev.aso.controller.reconcile.ArmIds;
import dev.aso.controller.reconcile.ReconcileTarget;

/**
 * The ARM id the operator would compute for an object of the manifests: the subscription for kinds without an owner,
 * {@code spec.owner.armId}, or the id of the owner named by {@code spec.owner.name}, which must be among the
 * manifests (the operator reads it from the owner's annotation in the cluster; {@code plan} works offline).
 */
final class ArmIdResolver {

    private static final int MAX_DEPTH = 16;

    private final KindCatalog catalog;
    private final ManifestSet manifests;
    private final String subscriptionId;

    ArmIdResolver(KindCatalog catalog, ManifestSet manifests, String subscriptionId) {
        this.catalog = catalog;
        this.manifests = manifests;
        this.subscriptionId = subscriptionId;
    }

    String armId(ObjectNode object) throws PlanException {
        return armId(object, 0);
    }

    private String armId(ObjectNode object, int depth) throws PlanException {
        KindMeta kind = kindOf(object);
        if (kind.armType() == null) {
            throw new PlanException(kind.groupKind() + " is not an ARM resource (a database user or an Entra group):"
                    + " there is no ARM request to plan");
        }
        if (kind.ownerKind() == null) {
            return ArmIds.of(kind, "/subscriptions/" + subscriptionId, azureName(kind, object));
        }
        JsonNode owner = object.path("spec").path("owner");
        String ownerArmId = owner.path("armId").asText("");
        if (!ownerArmId.isEmpty()) {
            return ArmIds.of(kind, ownerArmId, azureName(kind, object));
        }
        String name = owner.path("name").asText("");
        if (name.isEmpty()) {
            throw new PlanException("spec.owner is required: set spec.owner.name to a " + kind.ownerKind()
                    + " among the manifests, or spec.owner.armId to an ARM id");
        }
        if (depth > MAX_DEPTH) {
            throw new PlanException("spec.owner: owners form a loop");
        }
        String[] ownerKind = kind.ownerKindOf(object).split("/");
        String namespace = object.path("metadata").path("namespace").asText();
        ObjectNode ownerObject = manifests.find(ownerKind[0], ownerKind[1], namespace, name).orElseThrow(() ->
                new PlanException("spec.owner.name: " + ownerKind[1] + " " + namespace + "/" + name + " is not among the"
                        + " manifests given; add its file to -f, or set spec.owner.armId"));
        return ArmIds.of(kind, armId(ownerObject, depth + 1), azureName(kind, object));
    }

    /**
     * The Azure name as the controller takes it; where {@code spec.azureNameFromConfig} names a ConfigMap key and no
     * name is recorded yet, the key's value from a ConfigMap among the manifests.
     */
    private String azureName(KindMeta kind, ObjectNode object) throws PlanException {
        JsonNode fromConfig = object.path("spec").path("azureNameFromConfig");
        if (fromConfig.isObject()
                && object.path("metadata").path("annotations").path(OperatorAnnotations.AZURE_NAME_FROM_CONFIG).isMissingNode()) {
            return manifests.configMapValue(object.path("metadata").path("namespace").asText(), fromConfig,
                    "spec.azureNameFromConfig");
        }
        return ReconcileTarget.azureName(kind, object);
    }

    /** A ResourceReference: its {@code armId}, or the id of the object {@code group}/{@code kind}/{@code name} names. */
    String reference(JsonNode reference, String namespace, String fieldPath) throws PlanException {
        String armId = reference.path("armId").asText("");
        if (!armId.isEmpty()) {
            return armId;
        }
        String group = reference.path("group").asText("");
        String kind = reference.path("kind").asText("");
        String name = reference.path("name").asText("");
        if (group.isEmpty() || kind.isEmpty() || name.isEmpty()) {
            throw new PlanException(fieldPath + ": set armId, or group, kind and name");
        }
        ObjectNode target = manifests.find(group, kind, namespace, name).orElseThrow(() -> new PlanException(fieldPath
                + ": " + kind + " " + namespace + "/" + name + " is not among the manifests given; add its file to -f, or use armId"));
        return armId(target);
    }

    KindMeta kindOf(ObjectNode object) throws PlanException {
        String group = ManifestSet.groupOf(object);
        return catalog.kind(group, object.path("kind").asText()).orElseThrow(() -> new PlanException(group + "/"
                + object.path("kind").asText() + " is not a kind of this operator"));
    }

}
