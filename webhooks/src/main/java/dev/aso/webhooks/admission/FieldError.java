package dev.aso.webhooks.admission;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One problem with one field, written the way Kubernetes writes field errors, e.g.
 * {@code spec.owner.armId: Invalid value: "/subscriptions/x": must be ...}.
 */
public record FieldError(String field, Type type, JsonNode value, String detail) {

    public enum Type {
        REQUIRED("Required value"),
        INVALID("Invalid value"),
        FORBIDDEN("Forbidden"),
        DUPLICATE("Duplicate value"),
        NOT_SUPPORTED("Unsupported value");

        private final String text;

        Type(String text) {
            this.text = text;
        }
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(field).append(": ").append(type.text);
        if (value != null) {
            s.append(": ").append(value);
        }
        if (detail != null && !detail.isEmpty()) {
            s.append(": ").append(detail);
        }
        return s.toString();
    }
}
