package dev.aso.controller.reconcile;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aso.controller.arm.ArmException;
import dev.aso.controller.expressions.ExpressionEngine;
import dev.aso.controller.expressions.ExpressionException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * {@code spec.operatorSpec.secretExpressions} / {@code configMapExpressions}: items {@code {name, key, value}} grouped
 * by destination object, evaluated with {@link ExpressionEngine} into the keys they write. A problem names the item
 * ({@code spec.operatorSpec.secretExpressions[2]}), its destination and its expression; an expression that only a
 * spec change can fix is an Error, one that fails on the current values a Warning.
 */
final class ExpressionExports {

    /** One item; {@code key} is empty when the expression returns a map. */
    record Item(String field, String name, String key, String value) {
        String describe() {
            return field + " (" + name + (key.isEmpty() ? "" : "/" + key) + ", expression " + value + ")";
        }
    }

    private static final Pattern VALID_KEY = Pattern.compile("[-._a-zA-Z0-9]{1,253}");

    private final ExpressionEngine engine;

    ExpressionExports(ExpressionEngine engine) {
        this.engine = engine;
    }

    /** Items of {@code spec.operatorSpec.<section>} by destination object name. */
    static Map<String, List<Item>> byObject(JsonNode operatorSpec, String section) throws ReconcileStop {
        Map<String, List<Item>> out = new LinkedHashMap<>();
        JsonNode items = operatorSpec.path(section);
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            String field = "spec.operatorSpec." + section + "[" + i + "]";
            String name = item.path("name").asText("");
            String value = item.path("value").asText("");
            if (name.isEmpty() || value.isBlank()) {
                throw ReconcileStop.error("InvalidExpression", field + " needs a name (the " + (section.startsWith("secret")
                        ? "Secret" : "ConfigMap") + " to write) and a value (the CEL expression)");
            }
            out.computeIfAbsent(name, n -> new ArrayList<>()).add(new Item(field, name, item.path("key").asText(""), value));
        }
        return out;
    }

    /** The {@code secret} variable's values, read (from Azure, perhaps) only for expressions that use it. */
    interface SecretSource {
        Map<String, String> get() throws ArmException;
    }

    /**
     * The keys {@code items} write into one object, added to {@code into} (which holds the object's other exports);
     * a key written twice is refused.
     *
     * @param secrets the {@code secret} variable, or null for ConfigMap expressions
     */
    void evaluate(List<Item> items, JsonNode self, SecretSource secrets, Map<String, String> into)
            throws ReconcileStop, ArmException {
        for (Item item : items) {
            Object result;
            try {
                Supplier<Map<String, String>> secret = null;
                if (secrets != null) {
                    Map<String, String> values = engine.readsSecrets(item.value()) ? secrets.get() : Map.of();
                    secret = () -> values;
                }
                result = engine.evaluate(item.value(), item.key().isEmpty(), self, secret);
            } catch (ExpressionException e) {
                String message = item.describe() + " " + e.getMessage();
                throw e.invalid() ? ReconcileStop.error("InvalidExpression", message)
                        : ReconcileStop.warning("ExpressionEvaluationFailed", message);
            }
            if (result instanceof String s) {
                put(into, item.key(), s, item);
            } else {
                for (Map.Entry<?, ?> e : ((Map<?, ?>) result).entrySet()) {
                    put(into, (String) e.getKey(), (String) e.getValue(), item);
                }
            }
        }
    }

    private static void put(Map<String, String> into, String key, String value, Item item) throws ReconcileStop {
        if (!VALID_KEY.matcher(key).matches()) {
            throw ReconcileStop.error("InvalidExpression", item.describe() + " produces the key '" + key + "', but keys of"
                    + " Secrets and ConfigMaps may only hold letters, digits, '-', '_' and '.'");
        }
        if (into.putIfAbsent(key, value) != null) {
            throw ReconcileStop.error("ExportKeyCollision", item.describe() + " writes key " + key + " of " + item.name()
                    + ", which another export of this resource writes too; choose another key or name");
        }
    }
}
