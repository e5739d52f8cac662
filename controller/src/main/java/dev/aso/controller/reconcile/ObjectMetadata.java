package dev.aso.controller.reconcile;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.HasMetadata;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The labels and annotations the destinations of one Secret or ConfigMap ask for ({@code operatorSpec.secrets.x},
 * {@code secretExpressions[]}, ... with {@code annotations} and {@code labels}, ASO v2.20), merged over all the
 * destinations naming that object.
 */
record ObjectMetadata(Map<String, String> labels, Map<String, String> annotations) {

    static final ObjectMetadata NONE = new ObjectMetadata(Map.of(), Map.of());

    /** Object name → the metadata its destinations ask for, from a section of destinations and one of expressions. */
    static Map<String, ObjectMetadata> byObject(JsonNode operatorSpec, String destinations, String expressions) {
        Map<String, ObjectMetadata> out = new LinkedHashMap<>();
        operatorSpec.path(destinations).forEach(d -> add(out, d));
        operatorSpec.path(expressions).forEach(d -> add(out, d));
        return out;
    }

    /** What one destination asks for. */
    static ObjectMetadata of(JsonNode destination) {
        Map<String, ObjectMetadata> out = new LinkedHashMap<>();
        add(out, destination);
        return out.getOrDefault(destination.path("name").asText(""), NONE);
    }

    private static void add(Map<String, ObjectMetadata> out, JsonNode destination) {
        String name = destination.path("name").asText("");
        if (name.isEmpty() || !destination.path("labels").isObject() && !destination.path("annotations").isObject()) {
            return;
        }
        ObjectMetadata m = out.computeIfAbsent(name, n -> new ObjectMetadata(new LinkedHashMap<>(), new LinkedHashMap<>()));
        destination.path("labels").fields().forEachRemaining(e -> m.labels.put(e.getKey(), e.getValue().asText()));
        destination.path("annotations").fields().forEachRemaining(e -> m.annotations.put(e.getKey(), e.getValue().asText()));
    }

    /** Whether the object exists and already carries every label and annotation asked for. */
    boolean heldBy(HasMetadata object) {
        return object != null && contains(object.getMetadata().getLabels(), labels)
                && contains(object.getMetadata().getAnnotations(), annotations);
    }

    void applyTo(HasMetadata object) {
        if (!labels.isEmpty()) {
            Map<String, String> merged = new LinkedHashMap<>(orEmpty(object.getMetadata().getLabels()));
            merged.putAll(labels);
            object.getMetadata().setLabels(merged);
        }
        if (!annotations.isEmpty()) {
            Map<String, String> merged = new LinkedHashMap<>(orEmpty(object.getMetadata().getAnnotations()));
            merged.putAll(annotations);
            object.getMetadata().setAnnotations(merged);
        }
    }

    private static boolean contains(Map<String, String> actual, Map<String, String> wanted) {
        return orEmpty(actual).entrySet().containsAll(wanted.entrySet());
    }

    private static Map<String, String> orEmpty(Map<String, String> m) {
        return m == null ? Map.of() : m;
    }
}
