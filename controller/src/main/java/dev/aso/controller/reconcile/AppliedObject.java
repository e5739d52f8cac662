package dev.aso.controller.reconcile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aso.api.meta.VersionMeta;
import dev.aso.conversion.ConversionException;
import dev.aso.conversion.ObjectConverter;
import dev.aso.conversion.arm.ArmInputs;
import dev.aso.conversion.arm.ArmPayloadException;
import dev.aso.conversion.arm.ArmPayloads;

/**
 * The resource at the version it was applied at ({@code spec.originalVersion}), whose api-version and ARM shape the
 * controller uses. It is converted from the hub once, when read; Azure's answer is mapped to a status at that version
 * and converted back to the hub once.
 */
final class AppliedObject {

    /**
     * Azure's view of the resource as a status.
     *
     * @param self      the resource with that status at the applied version ({@code self} of CEL expressions)
     * @param hubStatus the same status at the hub version, the one written to Kubernetes
     */
    record AzureStatus(ObjectNode self, ObjectNode hubStatus) { }

    private final KindBinding kind;
    private final VersionMeta version;
    private final ObjectNode applied;
    private final ObjectConverter converter;

    private AppliedObject(KindBinding kind, VersionMeta version, ObjectNode applied, ObjectConverter converter) {
        this.kind = kind;
        this.version = version;
        this.applied = applied;
        this.converter = converter;
    }

    /** @param hub the resource as stored (hub version); its status is left behind, Azure's replaces it */
    static AppliedObject of(KindBinding kind, ObjectNode hub, ObjectConverter converter) throws ReconcileStop {
        VersionMeta version = kind.originalVersion(hub);
        ObjectNode withoutStatus = hub.deepCopy();
        withoutStatus.remove("status");
        try {
            ObjectNode applied = version.storage() ? withoutStatus : converter.convert(withoutStatus, kind.apiVersion(version));
            return new AppliedObject(kind, version, applied, converter);
        } catch (ConversionException e) {
            throw ReconcileStop.error("ConversionFailed", e.getMessage());
        }
    }

    VersionMeta version() {
        return version;
    }

    /** The ARM api-version of the applied version. */
    String apiVersion() {
        return version.apiVersion();
    }

    /** The ARM request body of the spec; {@code inputs} resolves its references, Secrets and ConfigMaps. */
    ObjectNode requestBody(ArmInputs inputs) throws ReconcileStop {
        JsonNode spec = applied.path("spec");
        try {
            return ArmPayloads.requestBody(spec.isObject() ? (ObjectNode) spec : Objects.JSON.createObjectNode(), version, inputs);
        } catch (InputMissing e) {
            throw ReconcileStop.warning(e.reason(), e.getMessage());
        } catch (InputStopped e) {
            throw e.stop();
        } catch (ArmPayloadException e) {
            throw ReconcileStop.warning("ReferenceNotFound", e.getMessage());
        }
    }

    /** Azure's resource body as the status, at the applied version and at the hub. */
    AzureStatus status(JsonNode armBody) throws ReconcileStop {
        ObjectNode self = applied.deepCopy();
        self.set("status", ArmPayloads.status(armBody, version));
        if (version.storage()) {
            return new AzureStatus(self, (ObjectNode) self.get("status"));
        }
        try {
            JsonNode hubStatus = converter.convert(self, kind.apiVersion(kind.meta().hub())).path("status");
            return new AzureStatus(self, hubStatus instanceof ObjectNode o ? o : Objects.JSON.createObjectNode());
        } catch (ConversionException e) {
            throw ReconcileStop.error("ConversionFailed", e.getMessage());
        }
    }
}
