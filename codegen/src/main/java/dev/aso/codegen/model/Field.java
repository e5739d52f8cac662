package dev.aso.codegen.model;

/**
 * A field of a generated object.
 *
 * @param json        the JSON (and Kubernetes) name
 * @param type        its shape
 * @param required    required in the CRD schema
 * @param description shown by {@code kubectl explain}; may be null
 * @param arm         how the field maps to the ARM body; null for fields ARM never sees (owner, operatorSpec)
 */
public record Field(String json, TypeModel type, boolean required, String description, ArmBinding arm) {

    public Field withType(TypeModel newType) {
        return new Field(json, newType, required, description, arm);
    }

    public Field optional() {
        return new Field(json, type, false, description, arm);
    }
}
