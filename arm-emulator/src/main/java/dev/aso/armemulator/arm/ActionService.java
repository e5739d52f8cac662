package dev.aso.armemulator.arm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aso.armemulator.types.BodyValidator;
import dev.aso.armemulator.types.FunctionDef;
import dev.aso.armemulator.types.TypeFile;
import dev.aso.armemulator.types.TypeRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * POST actions from the type definitions' resource functions. The output is generated from the
 * function's output type: strings are stable secrets ({@link SecretGenerator}), literals and enums
 * their first value, arrays two items (named key1, key2 when the items have a keyName).
 * A function whose name starts with "regenerate" bumps the generation of the key its input names
 * (e.g. {"keyType": "Primary"}), which changes every output string whose path mentions that key.
 */
public final class ActionService {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final int ARRAY_ITEMS = 2;

    private final TypeRegistry types;
    private final SecretGenerator secrets;

    public ActionService(TypeRegistry types, SecretGenerator secrets) {
        this.types = types;
        this.secrets = secrets;
    }

    public ArmResponse invoke(StoredResource r, String action, String apiVersion, ObjectNode input) {
        FunctionDef fn = types.function(r.type, apiVersion, action).orElseThrow(() -> new ArmException(400, "InvalidResourceType",
                "The resource type '" + r.type.substring(r.type.indexOf('/') + 1) + "/" + action + "' could not be found in the namespace '"
                        + r.type.substring(0, r.type.indexOf('/')) + "' for api version '" + apiVersion + "'."));
        if (fn.input() != null) {
            JsonNode given = input == null ? NODES.objectNode() : input;
            BodyValidator.Result result = BodyValidator.validate(fn.file(), fn.input(), given, Set.of());
            if (!result.ok()) {
                List<String> shown = result.violations().stream().map(BodyValidator.Violation::toString).toList();
                throw ArmException.invalidContent("The request content was invalid: " + String.join("; ", shown) + ".", List.of());
            }
            if (fn.name().toLowerCase(Locale.ROOT).startsWith("regenerate")) {
                slot(given).ifPresent(s -> r.secretGenerations.merge(s, 1, Integer::sum));
            }
        }
        if (fn.output() == null) {
            return ArmResponse.of(200, null);
        }
        return ArmResponse.of(200, generate(fn.file(), fn.output(), r, "", null));
    }

    /** The key a regenerate input names: its first string value, lower-cased, without a trailing "key". */
    private static java.util.Optional<String> slot(JsonNode input) {
        var it = input.fields();
        while (it.hasNext()) {
            JsonNode v = it.next().getValue();
            if (v.isTextual()) {
                return java.util.Optional.of(normalize(v.asText()));
            }
        }
        return java.util.Optional.empty();
    }

    private static String normalize(String s) {
        String l = s.toLowerCase(Locale.ROOT);
        return l.endsWith("key") && l.length() > 3 ? l.substring(0, l.length() - 3) : l;
    }

    private JsonNode generate(TypeFile file, JsonNode type, StoredResource r, String path, String itemName) {
        switch (TypeFile.kind(type)) {
            case "StringType":
                return NODES.textNode(secrets.secret(r.id, path, generation(r, path)));
            case "StringLiteralType":
                return NODES.textNode(type.path("value").asText());
            case "UnionType": {
                JsonNode first = file.resolve(type.path("elements").get(0));
                return generate(file, first, r, path, itemName);
            }
            case "IntegerType":
                return NODES.numberNode(type.path("minValue").asLong(0));
            case "BooleanType":
                return NODES.booleanNode(false);
            case "ArrayType": {
                ArrayNode out = NODES.arrayNode();
                JsonNode item = file.resolve(type.get("itemType"));
                for (int i = 0; i < ARRAY_ITEMS; i++) {
                    String name = "key" + (i + 1);
                    out.add(generate(file, item, r, path + "[" + name + "]", name));
                }
                return out;
            }
            case "ObjectType":
            case "DiscriminatedObjectType": {
                ObjectNode out = NODES.objectNode();
                for (Map.Entry<String, JsonNode> p : file.properties(type, null).entrySet()) {
                    String childPath = path.isEmpty() ? p.getKey() : path + "." + p.getKey();
                    if (p.getKey().equals("keyName") && itemName != null) {
                        out.put("keyName", itemName);
                    } else {
                        out.set(p.getKey(), generate(file, file.resolve(p.getValue().get("type")), r, childPath, itemName));
                    }
                }
                return out;
            }
            default:
                return NODES.nullNode();
        }
    }

    private static int generation(StoredResource r, String path) {
        String p = path.toLowerCase(Locale.ROOT);
        List<String> matching = new ArrayList<>();
        r.secretGenerations.keySet().stream().filter(p::contains).forEach(matching::add);
        return matching.stream().mapToInt(r.secretGenerations::get).sum();
    }
}
