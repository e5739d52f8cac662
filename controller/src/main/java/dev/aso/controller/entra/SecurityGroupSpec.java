package dev.aso.controller.entra;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What an {@code entra.azure.com/v1 SecurityGroup} asks for: {@code spec.displayName}, {@code spec.mailNickname}
 * (required), {@code spec.description}, {@code spec.isAssignableToRole}, {@code spec.membershipType} (only
 * {@code assigned} so far) and {@code spec.operatorSpec.creationMode}.
 */
public record SecurityGroupSpec(String displayName, String mailNickname, String description, Boolean isAssignableToRole,
                                String membershipType, CreationMode creationMode) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public SecurityGroupSpec {
        require(".spec.displayName", displayName);
        require(".spec.mailNickname", mailNickname);
        if (membershipType != null && !membershipType.isEmpty() && !membershipType.equalsIgnoreCase("assigned")) {
            throw invalid(".spec.membershipType '" + membershipType + "' is not supported yet; use 'assigned'"
                    + " (or leave it out)");
        }
        creationMode = creationMode == null ? CreationMode.AdoptOrCreate : creationMode;
    }

    /** The body of {@code POST /v1.0/groups}: a security group that is not mail-enabled. */
    ObjectNode createBody() {
        ObjectNode body = updateBody().put("mailNickname", mailNickname).put("mailEnabled", false)
                .put("securityEnabled", true).put("isAssignableToRole", Boolean.TRUE.equals(isAssignableToRole));
        body.putArray("groupTypes");
        return body;
    }

    /** The properties a PATCH keeps in line with the spec (isAssignableToRole cannot change after creation). */
    ObjectNode updateBody() {
        ObjectNode body = JSON.createObjectNode().put("displayName", displayName);
        if (description != null) {
            body.put("description", description);
        }
        return body;
    }

    private static void require(String field, String value) {
        if (value == null || value.isBlank()) {
            throw invalid(field + " is required");
        }
    }

    private static GraphException invalid(String message) {
        return new GraphException(0, "InvalidSpec", "InvalidSpec", message);
    }
}
