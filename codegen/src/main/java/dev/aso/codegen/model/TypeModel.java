package dev.aso.codegen.model;

import java.util.List;

/** The shape of a value in a custom resource, after ASO's rules have been applied to the bicep type. */
public sealed interface TypeModel {

    enum PrimitiveKind { STRING, INTEGER, NUMBER, BOOLEAN }

    /** A scalar with its validations; {@code enumValues} is null when any value is allowed. */
    record Primitive(PrimitiveKind kind, String pattern, Integer minLength, Integer maxLength, Long minimum,
                     Long maximum, List<String> enumValues) implements TypeModel {

        public static Primitive plain(PrimitiveKind kind) {
            return new Primitive(kind, null, null, null, null, null, null);
        }

        public Primitive withoutValidation() {
            return plain(kind);
        }
    }

    /** Arbitrary JSON. */
    record Any() implements TypeModel { }

    /**
     * An object with named fields; {@code name} is the Java class name within its version's package. One field per
     * JSON name: where the rules produce two (a union option's discriminator beside the body's own, a flattened
     * property meeting the envelope's), the later one replaces the earlier in its place, as a JSON object's keys do,
     * and is required if either is.
     */
    record ObjectModel(String name, String description, List<Field> fields) implements TypeModel {

        public ObjectModel {
            java.util.Map<String, Field> byJson = new java.util.LinkedHashMap<>();
            fields.forEach(f -> byJson.merge(f.json(), f, (earlier, later) -> new Field(later.json(), later.type(),
                    earlier.required() || later.required(), later.description(), later.arm(),
                    earlier.armRequired() || later.armRequired())));
            fields = byJson.size() == fields.size() ? fields : List.copyOf(byJson.values());
        }
    }

    record ArrayModel(TypeModel item, Integer minItems, Integer maxItems) implements TypeModel { }

    record MapModel(TypeModel value) implements TypeModel { }

    /** One of the hand-written types every kind shares (a ResourceReference, a SecretReference, ...). */
    record Common(CommonType type) implements TypeModel { }
}
