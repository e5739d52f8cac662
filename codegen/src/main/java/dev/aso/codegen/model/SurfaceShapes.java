package dev.aso.codegen.model;

import dev.aso.codegen.model.TypeModel.*;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The spec or status of a kind that is not an ARM resource (database users, Entra groups), from ASO's surface alone:
 * the paths become objects, lists and maps; the shapes every kind shares (owner, Secret and ConfigMap references,
 * destinations, conditions) become the common types, so that the operator reads them as for any kind. No field has an
 * ARM binding.
 */
final class SurfaceShapes {

    private static final Set<String> CONDITION = Set.of("lastTransitionTime", "message", "observedGeneration", "reason",
            "severity", "status", "type");

    private final ClassNames classes;
    private final String suffix;

    /** @param suffix added to the names of nested classes ({@code _STATUS} in status, as for ARM kinds) */
    SurfaceShapes(ClassNames classes, String suffix) {
        this.classes = classes;
        this.suffix = suffix;
    }

    /** The fields under {@code root} ({@code .spec} or {@code .status}). */
    List<Field> fields(Map<String, String> paths, String root) {
        return fieldsOf(node(paths, root));
    }

    /** A node of the path tree: its own shape (null for an object with known fields) and its children. */
    private record Node(String shape, Map<String, Node> children) { }

    private static Node node(Map<String, String> paths, String at) {
        Map<String, Node> children = new TreeMap<>();
        for (String path : paths.keySet()) {
            if (path.startsWith(at) && path.length() > at.length()) {
                String rest = path.substring(at.length());
                String child = childKey(rest);
                if (child != null && !children.containsKey(child)) {
                    children.put(child, node(paths, at + child));
                }
            }
        }
        return new Node(paths.get(at), children);
    }

    /** {@code .name}, {@code []} or {@code {}}: the next step of a path remainder. */
    private static String childKey(String rest) {
        if (rest.startsWith("[]") || rest.startsWith("{}")) {
            return rest.substring(0, 2);
        }
        if (!rest.startsWith(".")) {
            return null;
        }
        int end = 1;
        while (end < rest.length() && ".[{".indexOf(rest.charAt(end)) < 0) {
            end++;
        }
        return rest.substring(0, end);
    }

    private List<Field> fieldsOf(Node node) {
        List<Field> fields = new ArrayList<>();
        node.children().forEach((key, child) -> {
            if (key.startsWith(".")) {
                String name = key.substring(1);
                fields.add(new Field(name, type(name, child), false, null, null));
            }
        });
        fields.sort(Comparator.comparing(Field::json));
        return fields;
    }

    private TypeModel type(String name, Node node) {
        if (node.shape() == null) {
            Set<String> names = new java.util.TreeSet<>();
            node.children().keySet().forEach(k -> names.add(k.substring(1)));
            CommonType common = common(name, names);
            return common != null ? new Common(common)
                    : classes.register(new ObjectModel(ClassNames.javaName(name) + suffix, null, fieldsOf(node)));
        }
        return switch (node.shape()) {
            case "string" -> Primitive.plain(PrimitiveKind.STRING);
            case "integer" -> Primitive.plain(PrimitiveKind.INTEGER);
            case "number" -> Primitive.plain(PrimitiveKind.NUMBER);
            case "boolean" -> Primitive.plain(PrimitiveKind.BOOLEAN);
            case "array" -> new ArrayModel(item(name, node.children().get("[]")), null, null);
            case "map" -> new MapModel(item(name, node.children().get("{}")));
            case "object" -> classes.register(new ObjectModel(ClassNames.javaName(name) + "Object", null, List.of()));
            default -> new Any();
        };
    }

    private TypeModel item(String name, Node item) {
        if (item == null) {
            return new Any();
        }
        if (item.shape() == null && item.children().keySet().equals(CONDITION.stream().map(c -> "." + c)
                .collect(java.util.stream.Collectors.toSet()))) {
            return new Common(CommonType.CONDITION);
        }
        return type(name + "Item", item);
    }

    /** The common type an object with exactly these fields is, by its name and fields; null when none. */
    private static CommonType common(String name, Set<String> fields) {
        if (fields.equals(Set.of("armId", "name"))) {
            return CommonType.KNOWN_RESOURCE_REFERENCE;
        }
        if (fields.equals(Set.of("armId", "group", "kind", "name"))) {
            return CommonType.RESOURCE_REFERENCE;
        }
        if (fields.equals(Set.of("key", "name"))) {
            return name.endsWith("FromConfig") ? CommonType.CONFIG_MAP_REFERENCE : CommonType.SECRET_REFERENCE;
        }
        if (fields.equals(Set.of("annotations", "key", "labels", "name"))) {
            return name.startsWith("configMap") ? CommonType.CONFIG_MAP_DESTINATION : CommonType.SECRET_DESTINATION;
        }
        if (fields.equals(Set.of("annotations", "key", "labels", "name", "value"))) {
            return CommonType.DESTINATION_EXPRESSION;
        }
        return null;
    }
}
