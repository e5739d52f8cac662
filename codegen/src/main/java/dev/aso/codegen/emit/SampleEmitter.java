package dev.aso.codegen.emit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aso.codegen.model.Field;
import dev.aso.codegen.model.KindModel;
import dev.aso.codegen.model.TypeModel;
import dev.aso.codegen.model.TypeModel.*;
import dev.aso.codegen.model.VersionModel;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Writes one minimal manifest per kind and served version ({@code samples/<group>/<version>/<version>_<kind>.yaml} under the output folder):
 * the owner chain by the samples' own names, a location, and every required field with a value its schema accepts.
 */
public final class SampleEmitter {

    public static final String ROOT = "samples/";
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final List<String> STRING_CANDIDATES = List.of("sample", "sample1", "samplevalue",
            "00000000-0000-0000-0000-000000000000", "10.0.0.1", "https://sample.example.com", "Sample");

    private final Map<String, KindModel> kindsByGroupKind;

    public SampleEmitter(Map<String, KindModel> kindsByGroupKind) {
        this.kindsByGroupKind = kindsByGroupKind;
    }

    public void emit(KindModel kind, VersionModel version, GeneratedFiles out) {
        if (version.storage()) {
            return;
        }
        ObjectNode manifest = JSON.objectNode();
        manifest.put("apiVersion", kind.group() + "/" + version.name());
        manifest.put("kind", kind.kind());
        manifest.putObject("metadata").put("name", sampleName(kind)).put("namespace", "default");
        ObjectNode spec = manifest.putObject("spec");
        for (Field f : version.spec().fields()) {
            if (f.json().equals("owner") && kind.ownerKind() != null) {
                KindModel owner = kindsByGroupKind.get(kind.ownerKind());
                if (owner == null) {
                    throw new IllegalStateException("its owner " + kind.ownerKind() + " was not generated");
                }
                spec.putObject("owner").put("name", sampleName(owner));
            } else if (f.json().equals("location")) {
                spec.put("location", "westcentralus");
            } else if (f.required()) {
                value(f.type()).ifPresent(v -> spec.set(f.json(), v));
            }
        }
        out.add(ROOT + kind.group().replace(".azure.com", "") + "/" + version.name() + "/" + version.name() + "_"
                + kind.kind().toLowerCase(Locale.ROOT) + ".yaml", CrdEmitter.yaml(manifest));
    }

    /** A name that also satisfies the kind's azureName rules, since the webhook defaults azureName to it. */
    public static String sampleName(KindModel kind) {
        String lower = kind.kind().toLowerCase(Locale.ROOT);
        Primitive azureName = kind.versions().get(0).spec().fields().stream()
                .filter(f -> f.json().equals("azureName")).map(f -> (Primitive) f.type()).findFirst().orElse(null);
        List<String> candidates = List.of(kind.kind().equals("ResourceGroup") ? "aso-sample-rg" : "aso-sample-" + lower,
                "sample" + lower, "sample" + lower.substring(0, Math.min(lower.length(), 6)), "sample");
        for (String candidate : candidates) {
            if (azureName == null || accepts(azureName, candidate)) {
                return candidate;
            }
        }
        return candidates.get(candidates.size() - 1);
    }

    private static Optional<com.fasterxml.jackson.databind.JsonNode> value(TypeModel type) {
        if (type instanceof Primitive p) {
            return primitive(p);
        }
        if (type instanceof ObjectModel o && !o.fields().isEmpty() && o.fields().stream()
                .allMatch(f -> f.arm() != null && f.arm().role() == dev.aso.codegen.model.ArmBinding.Role.ONE_OF)) {
            // a discriminated union: the first option a value can be made for
            for (Field option : o.fields()) {
                Optional<com.fasterxml.jackson.databind.JsonNode> v = value(option.type());
                if (v.isPresent()) {
                    return Optional.of(JSON.objectNode().set(option.json(), v.get()));
                }
            }
            return Optional.empty();
        }
        if (type instanceof ObjectModel o) {
            ObjectNode object = JSON.objectNode();
            for (Field f : o.fields()) {
                if (f.required()) {
                    Optional<com.fasterxml.jackson.databind.JsonNode> v = value(f.type());
                    if (v.isEmpty()) {
                        return Optional.empty();
                    }
                    object.set(f.json(), v.get());
                }
            }
            return Optional.of(object);
        }
        if (type instanceof ArrayModel a) {
            ArrayNode array = JSON.arrayNode();
            int n = a.minItems() == null ? 1 : Math.max(1, a.minItems());
            for (int i = 0; i < n; i++) {
                Optional<com.fasterxml.jackson.databind.JsonNode> v = value(a.item());
                if (v.isEmpty()) {
                    return Optional.empty();
                }
                array.add(v.get());
            }
            return Optional.of(array);
        }
        if (type instanceof MapModel || type instanceof TypeModel.Any) {
            return Optional.of(JSON.objectNode());
        }
        if (type instanceof Common c) {
            switch (c.type()) {
                case SECRET_REFERENCE:
                    return Optional.of(JSON.objectNode().put("name", "sample-secret").put("key", "value"));
                case SECRET_MAP_REFERENCE:
                    return Optional.of(JSON.objectNode().put("name", "sample-secret"));
                case CONFIG_MAP_REFERENCE:
                    return Optional.of(JSON.objectNode().put("name", "sample-configmap").put("key", "value"));
                case RESOURCE_REFERENCE:
                    return Optional.of(JSON.objectNode().put("armId", "/subscriptions/00000000-0000-0000-0000-000000000000"
                            + "/resourceGroups/aso-sample-rg/providers/Microsoft.Sample/samples/sample"));
                default:
                    return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static Optional<com.fasterxml.jackson.databind.JsonNode> primitive(Primitive p) {
        switch (p.kind()) {
            case BOOLEAN:
                return Optional.of(JSON.booleanNode(false));
            case INTEGER:
            case NUMBER:
                return Optional.of(JSON.numberNode(p.minimum() != null ? Math.max(p.minimum(), 1) : 1));
            default:
                if (p.enumValues() != null) {
                    return Optional.of(JSON.textNode(p.enumValues().get(0)));
                }
                return STRING_CANDIDATES.stream().filter(s -> accepts(p, s)).findFirst().map(JSON::textNode);
        }
    }

    private static boolean accepts(Primitive p, String value) {
        if (p.minLength() != null && value.length() < p.minLength()) {
            return false;
        }
        if (p.maxLength() != null && value.length() > p.maxLength()) {
            return false;
        }
        return p.pattern() == null || Pattern.compile(p.pattern()).matcher(value).find();
    }
}
