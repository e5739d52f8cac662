package dev.aso.armemulator.arm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What providers fill in that the type definitions cannot tell, kept as configuration
 * ({@code dev/aso/armemulator/provider-values.json}): read-only values built from the resource (a storage account's
 * endpoints), the fixed items of action outputs (an App Configuration store's four keys by name) and values built
 * from other output fields (connection strings, kubeconfigs), and the child resources Azure creates with a resource
 * (a Service Bus namespace's RootManageSharedAccessKey rule).
 */
public final class ProviderValues {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RESOURCE = "/dev/aso/armemulator/provider-values.json";

    private final Map<String, Map<String, ValueTemplate>> readOnly = new LinkedHashMap<>();
    private final Map<String, ActionValues> actions = new LinkedHashMap<>();
    private final Map<String, List<ImplicitChild>> children = new LinkedHashMap<>();

    /** The items and built values of one action's output. */
    record ActionValues(Map<String, ArrayNode> items, Map<String, ValueTemplate> values) {
    }

    /** A child resource Azure creates with its parent. */
    public record ImplicitChild(String type, String name, ObjectNode properties) {
    }

    ProviderValues(JsonNode config) {
        config.path("readOnly").fields().forEachRemaining(t -> readOnly.put(key(t.getKey()), templates(t.getValue())));
        config.path("actions").fields().forEachRemaining(a -> {
            Map<String, ArrayNode> items = new LinkedHashMap<>();
            a.getValue().path("items").fields().forEachRemaining(i -> items.put(i.getKey(), (ArrayNode) i.getValue()));
            actions.put(key(a.getKey()), new ActionValues(items, templates(a.getValue().path("values"))));
        });
        config.path("implicitChildren").fields().forEachRemaining(t -> {
            List<ImplicitChild> list = new ArrayList<>();
            t.getValue().forEach(c -> list.add(new ImplicitChild(c.path("type").asText(), c.path("name").asText(),
                    (ObjectNode) c.path("properties"))));
            children.put(key(t.getKey()), list);
        });
    }

    public static ProviderValues standard() {
        try (InputStream in = ProviderValues.class.getResourceAsStream(RESOURCE)) {
            return new ProviderValues(JSON.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The read-only values of each configured type, as {@link ResourceDefaults}. */
    List<ResourceDefaults> readOnlyDefaults() {
        List<ResourceDefaults> out = new ArrayList<>();
        readOnly.forEach((type, values) -> out.add(new TemplatedDefaults(type, values)));
        return out;
    }

    ActionValues action(String resourceType, String action) {
        return actions.get(key(resourceType + "/" + action));
    }

    public List<ImplicitChild> children(String resourceType) {
        return children.getOrDefault(key(resourceType), List.of());
    }

    private static Map<String, ValueTemplate> templates(JsonNode node) {
        Map<String, ValueTemplate> out = new LinkedHashMap<>();
        node.fields().forEachRemaining(v -> out.put(v.getKey(), new ValueTemplate(v.getValue().asText())));
        return out;
    }

    private static String key(String s) {
        return s.toLowerCase(Locale.ROOT);
    }

    /**
     * Sets {@code template}'s value at {@code path} in {@code root}: dotted names, {@code []} for each array item;
     * objects on the way are created for plain names, absent arrays are left alone.
     */
    static void apply(ObjectNode root, String path, ValueTemplate template, ValueTemplate.Resource r) {
        apply(root, path, path.split("\\."), 0, template, r);
    }

    private static void apply(ObjectNode obj, String path, String[] steps, int at, ValueTemplate template,
                              ValueTemplate.Resource r) {
        String step = steps[at];
        boolean each = step.endsWith("[]");
        String name = each ? step.substring(0, step.length() - 2) : step;
        if (each) {
            for (JsonNode item : obj.path(name)) {
                if (item instanceof ObjectNode o && at + 1 < steps.length) {
                    apply(o, path, steps, at + 1, template, r);
                }
            }
        } else if (at + 1 == steps.length) {
            JsonNode current = obj.get(name);
            obj.put(name, template.render(r, path, obj, current == null || !current.isValueNode() ? null : current.asText()));
        } else {
            apply(obj.with(name), path, steps, at + 1, template, r);
        }
    }

    /** Read-only values of one type from templates. */
    private record TemplatedDefaults(String resourceType, Map<String, ValueTemplate> values) implements ResourceDefaults {
        @Override
        public void fill(ObjectNode body) {
            ValueTemplate.Resource r = new ValueTemplate.Resource(body.path("id").asText(), body, p -> {
                throw new IllegalStateException("read-only values have no {secret}: " + resourceType + " " + p);
            });
            for (Iterator<Map.Entry<String, ValueTemplate>> it = values.entrySet().iterator(); it.hasNext(); ) {
                Map.Entry<String, ValueTemplate> e = it.next();
                apply(body, e.getKey(), e.getValue(), r);
            }
        }
    }
}
