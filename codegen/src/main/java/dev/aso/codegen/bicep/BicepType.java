package dev.aso.codegen.bicep;

import java.util.List;
import java.util.Map;

/** One entry of a bicep {@code types.json} array, with its references resolved lazily through {@link TypeGraph}. */
public sealed interface BicepType {

    record StringType(Integer minLength, Integer maxLength, String pattern, boolean sensitive) implements BicepType { }

    record IntegerType(Long minValue, Long maxValue) implements BicepType { }

    record BooleanType() implements BicepType { }

    record AnyType() implements BicepType { }

    record StringLiteralType(String value) implements BicepType { }

    record UnionType(List<Integer> elements) implements BicepType { }

    record ArrayType(int itemType, Integer minLength, Integer maxLength) implements BicepType { }

    record ObjectType(String name, Map<String, Property> properties, Integer additionalProperties) implements BicepType { }

    record DiscriminatedObjectType(String name, String discriminator, Map<String, Property> baseProperties,
                                   Map<String, Integer> elements) implements BicepType { }

    record ResourceType(String name, int body, int readableScopes, int writableScopes) implements BicepType { }

    record ResourceFunctionType(String name, String resourceType, String apiVersion, Integer output, Integer input)
            implements BicepType { }

    /** A property of an object; {@code flags} is the bicep bit set (1 required, 2 read-only, 4 write-only, ...). */
    record Property(int type, int flags, String description) {
        public boolean required() {
            return (flags & 1) != 0;
        }

        public boolean readOnly() {
            return (flags & 2) != 0;
        }

        public boolean writeOnly() {
            return (flags & 4) != 0;
        }
    }
}
