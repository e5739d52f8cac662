package dev.aso.armemulator.arm;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.Map;

/**
 * A resource as the emulator keeps it: the canonical id (casing of its creation), its type and the
 * API version of its last write, the full body (write-only values included), the generations of
 * its action-generated secrets, and the operation running on it, if any.
 */
public final class StoredResource {
    public String id;
    public String type;
    public String apiVersion;
    public ObjectNode body;
    public Map<String, Integer> secretGenerations = new HashMap<>();
    public String operationId;

    public StoredResource() {
    }

    StoredResource(String id, String type, String apiVersion, ObjectNode body) {
        this.id = id;
        this.type = type;
        this.apiVersion = apiVersion;
        this.body = body;
    }

    /** Sets properties.provisioningState, for types that report one. */
    void setProvisioningState(String state) {
        if (body.get("properties") instanceof ObjectNode o && o.has("provisioningState")) {
            o.put("provisioningState", state);
        }
    }

    String key() {
        return ArmPath.key(id);
    }
}
