package dev.aso.codegen.model;

/**
 * A field of a generated object.
 *
 * @param json        the JSON (and Kubernetes) name
 * @param type        its shape
 * @param required    required in the CRD schema
 * @param description shown by {@code kubectl explain}; may be null
 * @param arm         how the field maps to the ARM body; null for fields ARM never sees (owner, operatorSpec)
 * @param armRequired Azure requires the value, though the CRD may not: a field that can also be read from a ConfigMap
 *                    ({@code principalId} beside {@code principalIdFromConfig}) is optional in the CRD
 */
public record Field(String json, TypeModel type, boolean required, String description, ArmBinding arm,
                    boolean armRequired) {

    public Field(String json, TypeModel type, boolean required, String description, ArmBinding arm) {
        this(json, type, required, description, arm, required);
    }

    public Field withType(TypeModel newType) {
        return new Field(json, newType, required, description, arm, armRequired);
    }

    public Field optional() {
        return new Field(json, type, false, description, arm, armRequired);
    }
}
