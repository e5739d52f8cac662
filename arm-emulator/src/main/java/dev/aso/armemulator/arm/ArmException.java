package dev.aso.armemulator.arm;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** An ARM error answer: HTTP status and the body {"error": {"code", "message", "details"?}}. */
public final class ArmException extends RuntimeException {
    private final int status;
    private final String code;
    private final List<ObjectNode> details;

    public ArmException(int status, String code, String message) {
        this(status, code, message, List.of());
    }

    public ArmException(int status, String code, String message, List<ObjectNode> details) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.details = List.copyOf(details);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public ObjectNode body() {
        return body(code, getMessage(), details);
    }

    public static ObjectNode body(String code, String message, List<ObjectNode> details) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        ObjectNode error = root.putObject("error").put("code", code).put("message", message);
        if (!details.isEmpty()) {
            ArrayNode d = error.putArray("details");
            details.forEach(d::add);
        }
        return root;
    }

    public static ArmException resourceGroupNotFound(String rg) {
        return new ArmException(404, "ResourceGroupNotFound", "Resource group '" + rg + "' could not be found.");
    }

    public static ArmException resourceNotFound(String typeAndName, String rg) {
        return new ArmException(404, "ResourceNotFound", "The Resource '" + typeAndName + "' under resource group '" + rg
                + "' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix");
    }

    public static ArmException parentNotFound(String parentTypeAndName) {
        return new ArmException(404, "ParentResourceNotFound", "Can not perform requested operation on nested resource. Parent resource '"
                + parentTypeAndName + "' not found.");
    }

    public static ArmException invalidContent(String message, List<ObjectNode> details) {
        return new ArmException(400, "InvalidRequestContent", message, details);
    }
}
