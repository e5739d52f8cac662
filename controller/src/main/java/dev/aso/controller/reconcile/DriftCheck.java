package dev.aso.controller.reconcile;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

/**
 * Compares the body the controller would PUT with what ARM returns on GET. Azure adds read-only values and may
 * normalise case (ids, enums, locations), so every value of the desired body must be present and equal up to case;
 * {@code tags} must match exactly, because a PUT replaces them. A body holding secrets cannot be verified (Azure never
 * returns them). Public for {@code asoctl plan}, which decides "no change" with this same check.
 */
public final class DriftCheck {

    public enum Result { IN_SYNC, DRIFTED, UNVERIFIABLE }

    /** What a secret input's value is replaced with in a body built only to compare (see {@link #compare}). */
    public static final String SECRET_PLACEHOLDER = KubeInputs.SECRET_PLACEHOLDER;

    private DriftCheck() {
    }

    /** What a secret map's values are replaced with in a body built only to compare: one placeholder entry. */
    public static com.fasterxml.jackson.databind.node.ObjectNode secretMapPlaceholder() {
        return com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode()
                .put(SECRET_PLACEHOLDER, SECRET_PLACEHOLDER);
    }

    public static Result compare(JsonNode desired, JsonNode actual) {
        if (containsSecret(desired)) {
            return Result.UNVERIFIABLE;
        }
        return subset(desired, actual, "") ? Result.IN_SYNC : Result.DRIFTED;
    }

    private static boolean subset(JsonNode want, JsonNode have, String name) {
        if (want == null || want.isNull()) {
            return true;
        }
        if (have == null || have.isMissingNode() || have.isNull()) {
            return want.isContainerNode() && want.isEmpty();
        }
        if (want.isObject()) {
            if (!have.isObject() || (name.equals("tags") && want.size() != have.size())) {
                return false;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = want.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!subset(e.getValue(), field(have, e.getKey()), e.getKey())) {
                    return false;
                }
            }
            return true;
        }
        if (want.isArray()) {
            if (!have.isArray() || have.size() != want.size()) {
                return false;
            }
            for (int i = 0; i < want.size(); i++) {
                if (!subset(want.get(i), have.get(i), name)) {
                    return false;
                }
            }
            return true;
        }
        if (want.isNumber() && have.isNumber()) {
            return want.decimalValue().compareTo(have.decimalValue()) == 0;
        }
        if (want.isTextual() && have.isTextual()) {
            return normalise(want.asText(), name).equals(normalise(have.asText(), name));
        }
        return want.equals(have);
    }

    /** The field by name, falling back to a case-insensitive match (ARM is not always consistent). */
    private static JsonNode field(JsonNode obj, String name) {
        JsonNode v = obj.get(name);
        if (v != null) {
            return v;
        }
        for (Iterator<String> it = obj.fieldNames(); it.hasNext(); ) {
            String n = it.next();
            if (n.equalsIgnoreCase(name)) {
                return obj.get(n);
            }
        }
        return null;
    }

    private static String normalise(String value, String name) {
        String v = value.toLowerCase(Locale.ROOT);
        return name.equals("location") ? v.replace(" ", "") : v;
    }

    private static boolean containsSecret(JsonNode node) {
        if (node.isTextual()) {
            return node.asText().equals(KubeInputs.SECRET_PLACEHOLDER);
        }
        for (JsonNode child : node) {
            if (containsSecret(child)) {
                return true;
            }
        }
        return false;
    }
}
