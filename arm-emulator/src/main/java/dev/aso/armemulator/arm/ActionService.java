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
 * {@link ProviderValues} may fix an array's items (an App Configuration store's four keys by name) and build values
 * from the others (connection strings, base64 kubeconfigs), as the provider does.
 */
public final class ActionService {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final int ARRAY_ITEMS = 2;

    private final TypeRegistry types;
    private final SecretGenerator secrets;
    private final ProviderValues providerValues;

    public ActionService(TypeRegistry types, SecretGenerator secrets, ProviderValues providerValues) {
        this.types = types;
        this.secrets = secrets;
        this.providerValues = providerValues;
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
        ProviderValues.ActionValues configured = providerValues.action(r.type, fn.name());
        JsonNode output = generate(fn.file(), fn.output(), r, "", null, configured);
        if (configured != null && output instanceof ObjectNode o) {
            ValueTemplate.Resource resource = new ValueTemplate.Resource(r.id, r.body,
                    p -> secrets.secret(r.id, p, generation(r, p)));
            configured.values().forEach((path, template) -> ProviderValues.apply(o, path, template, resource));
        }
        return ArmResponse.of(200, output);
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

    private JsonNode generate(TypeFile file, JsonNode type, StoredResource r, String path, String itemName,
                              ProviderValues.ActionValues configured) {
        switch (TypeFile.kind(type)) {
            case "StringType":
                return NODES.textNode(secrets.secret(r.id, path, generation(r, path)));
            case "StringLiteralType":
                return NODES.textNode(type.path("value").asText());
            case "UnionType": {
                JsonNode first = file.resolve(type.path("elements").get(0));
                return generate(file, first, r, path, itemName, configured);
            }
            case "IntegerType":
                return NODES.numberNode(type.path("minValue").asLong(0));
            case "BooleanType":
                return NODES.booleanNode(false);
            case "ArrayType": {
                ArrayNode out = NODES.arrayNode();
                JsonNode item = file.resolve(type.get("itemType"));
                ArrayNode fixed = configured == null ? null : configured.items().get(path);
                for (int i = 0; i < (fixed == null ? ARRAY_ITEMS : fixed.size()); i++) {
                    String name = "key" + (i + 1);
                    JsonNode generated = generate(file, item, r, path + "[" + name + "]", name, configured);
                    if (fixed != null && generated instanceof ObjectNode o && fixed.get(i) instanceof ObjectNode f) {
                        o.setAll(f.deepCopy());
                    }
                    out.add(generated);
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
                        out.set(p.getKey(), generate(file, file.resolve(p.getValue().get("type")), r, childPath, itemName,
                                configured));
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
