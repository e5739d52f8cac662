package dev.aso.cli.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aso.controller.reconcile.DriftCheck;
import dev.aso.conversion.arm.ArmInputs;
import dev.aso.conversion.arm.ArmPayloadException;

/**
 * What a spec refers to, resolved from the manifests instead of the cluster: references by {@link ArmIdResolver},
 * ConfigMap values from ConfigMaps among the manifests; Secrets are never read: their values stand as the controller's
 * placeholder, which makes the drift check answer UNVERIFIABLE, as it does in the controller.
 */
final class PlanInputs implements ArmInputs {

    private final ArmIdResolver ids;
    private final ManifestSet manifests;
    private final String namespace;

    PlanInputs(ArmIdResolver ids, ManifestSet manifests, String namespace) {
        this.ids = ids;
        this.manifests = manifests;
        this.namespace = namespace;
    }

    @Override
    public String armId(JsonNode reference, String fieldPath) throws ArmPayloadException {
        try {
            return ids.reference(reference, namespace, fieldPath);
        } catch (PlanException e) {
            throw new ArmPayloadException(e.getMessage());
        }
    }

    @Override
    public String secret(JsonNode reference, String fieldPath) {
        return DriftCheck.SECRET_PLACEHOLDER;
    }

    @Override
    public ObjectNode secretMap(JsonNode reference, String fieldPath) {
        return DriftCheck.secretMapPlaceholder();
    }

    @Override
    public String configMapValue(JsonNode reference, String fieldPath) throws ArmPayloadException {
        try {
            return manifests.configMapValue(namespace, reference, fieldPath);
        } catch (PlanException e) {
            throw new ArmPayloadException(e.getMessage());
        }
    }
}
