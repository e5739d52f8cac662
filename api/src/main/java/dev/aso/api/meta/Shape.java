package dev.aso.api.meta;

import java.util.Map;

/** The shape of a value in one version of a kind, as the generator described it (meta/<group>/<Kind>.json). */
public sealed interface Shape permits Shape.Scalar, Shape.ArrayOf, Shape.MapOf, Shape.ObjectOf {

    /** A string, integer, number, boolean, arbitrary JSON ({@code any}) or a shared type ({@code common:Name}). */
    record Scalar(String type) implements Shape { }

    record ArrayOf(Shape items) implements Shape { }

    record MapOf(Shape values) implements Shape { }

    record ObjectOf(Map<String, FieldMeta> fields) implements Shape {
        public FieldMeta field(String name) {
            return fields.get(name);
        }
    }

    /** Whether values of the two shapes can be copied as they are (objects always: their fields are matched one by one). */
    static boolean compatible(Shape a, Shape b) {
        if (a instanceof ObjectOf && b instanceof ObjectOf) {
            return true;
        }
        if (a instanceof ArrayOf x && b instanceof ArrayOf y) {
            return compatible(x.items(), y.items());
        }
        if (a instanceof MapOf x && b instanceof MapOf y) {
            return compatible(x.values(), y.values());
        }
        return a instanceof Scalar x && b instanceof Scalar y && x.type().equals(y.type());
    }
}
