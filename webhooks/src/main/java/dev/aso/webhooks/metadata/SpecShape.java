package dev.aso.webhooks.metadata;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the admission rules need to know about one version's {@code spec}, read from the CRD's openAPIV3Schema.
 *
 * @param hasAzureName      the spec has {@code azureName}
 * @param fixedAzureName    the only value {@code azureName} may take (a one-value enum), or null
 * @param hasOwner          the spec has {@code owner}
 * @param root              the pruned shape of the spec for reference and xFromConfig checks; null when none
 * @param destinations      operatorSpec properties that write Secrets or ConfigMaps
 */
public record SpecShape(boolean hasAzureName, String fixedAzureName, boolean hasOwner, ShapeNode root,
                        List<Destination> destinations) {

    private static final List<String> LOCAL_REFERENCE_FIELDS = List.of("group", "kind", "name");
    private static final int MAX_DEPTH = 64;

    /** @param specSchema the openAPIV3Schema of {@code spec} (may be missing) */
    public static SpecShape of(JsonNode specSchema) {
        JsonNode properties = specSchema.path("properties");
        JsonNode azureName = properties.path("azureName");
        JsonNode azureNameEnum = azureName.path("enum");
        String fixedAzureName = azureNameEnum.size() == 1 && azureNameEnum.get(0).isTextual()
                ? azureNameEnum.get(0).asText() : null;
        return new SpecShape(!azureName.isMissingNode(), fixedAzureName, properties.has("owner"),
                compile(specSchema, 0), destinations(properties.path("operatorSpec").path("properties")));
    }

    private static ShapeNode compile(JsonNode schema, int depth) {
        if (depth > MAX_DEPTH || !schema.isObject()) {
            return null;
        }
        JsonNode properties = schema.path("properties");
        if (properties.has("armId") && properties.has("name")) {
            List<String> local = LOCAL_REFERENCE_FIELDS.stream().filter(properties::has).toList();
            return new ShapeNode(Map.of(), null, null, local, List.of());
        }
        Map<String, ShapeNode> children = new LinkedHashMap<>();
        List<String> fromConfig = new ArrayList<>();
        properties.fields().forEachRemaining(field -> {
            if (properties.has(field.getKey() + "FromConfig")) {
                fromConfig.add(field.getKey());
            }
            // an extension resource's owner: a name alone means the kind's usual owner, group and kind another
            ShapeNode child = depth == 0 && field.getKey().equals("owner")
                    ? new ShapeNode(Map.of(), null, null, List.of("name"), List.of())
                    : compile(field.getValue(), depth + 1);
            if (child != null) {
                children.put(field.getKey(), child);
            }
        });
        ShapeNode items = compile(schema.path("items"), depth + 1);
        ShapeNode values = compile(schema.path("additionalProperties"), depth + 1);
        if (children.isEmpty() && fromConfig.isEmpty() && items == null && values == null) {
            return null;
        }
        return new ShapeNode(Collections.unmodifiableMap(children), items, values, null, List.copyOf(fromConfig));
    }

    private static List<Destination> destinations(JsonNode operatorSpec) {
        List<Destination> found = new ArrayList<>();
        addIfPresent(found, operatorSpec, new Destination("secrets", "Secret", false));
        addIfPresent(found, operatorSpec, new Destination("secretExpressions", "Secret", true));
        addIfPresent(found, operatorSpec, new Destination("configMaps", "ConfigMap", false));
        addIfPresent(found, operatorSpec, new Destination("configMapExpressions", "ConfigMap", true));
        return List.copyOf(found);
    }

    private static void addIfPresent(List<Destination> found, JsonNode operatorSpec, Destination destination) {
        if (operatorSpec.has(destination.property())) {
            found.add(destination);
        }
    }
}
