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
 * the owner chain by the samples' own names, a location, every field Azure requires (in the CRD, or beside its
 * {@code FromConfig} twin) with a value its schema accepts, and the export keys whose values Azure always has.
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
            } else if (f.json().equals("operatorSpec")) {
                exports(kind, f.type()).ifPresent(o -> spec.set("operatorSpec", o));
            } else if (f.required() || f.armRequired()) {
                value(f.type()).ifPresent(v -> spec.set(f.json(), v));
            }
        }
        rootOption(version.spec()).ifPresent(o -> spec.set(o.getKey(), o.getValue()));
        out.add(ROOT + kind.group().replace(".azure.com", "") + "/" + version.name() + "/" + version.name() + "_"
                + kind.kind().toLowerCase(Locale.ROOT) + ".yaml", CrdEmitter.yaml(manifest));
    }

    /**
     * The export keys of the version whose values Azure always has: read by a POST action ({@code listKeys}), taken
     * from the ARM id, or Secret keys made by the kind's own exporter (a namespace's root rule keys, a cluster's
     * kubeconfig). Values of the status depend on what the spec enables (an identity's principalId, an ingress's
     * fqdn), and a private endpoint's address on a network interface, so they are left out. Each kind writes
     * to a Secret {@code <name>-<group>-secret} and a ConfigMap {@code <name>-<group>-config} of its own (kinds of
     * different groups share names: FlexibleServer). Empty when none is left.
     */
    private static Optional<ObjectNode> exports(KindModel kind, TypeModel operatorSpec) {
        String prefix = sampleName(kind) + "-" + kind.group().replace(".azure.com", "").replace('.', '-');
        ObjectNode out = JSON.objectNode();
        for (Field destinations : ((ObjectModel) operatorSpec).fields()) {
            Map<String, KindModel.ExportModel> sources = switch (destinations.json()) {
                case "secrets" -> kind.secretExports();
                case "configMaps" -> kind.configMapExports();
                default -> null;
            };
            if (sources == null) {
                continue;
            }
            String object = prefix + (destinations.json().equals("secrets") ? "-secret" : "-config");
            ObjectNode keys = JSON.objectNode();
            for (Field key : ((ObjectModel) destinations.type()).fields()) {
                KindModel.ExportModel source = sources.get(key.json());
                if (source != null && !key.json().startsWith("$") && (source.action() != null || source.idPart() != null
                        || destinations.json().equals("secrets") && source.status() == null)) {
                    keys.putObject(key.json()).put("name", object).put("key", key.json());
                }
            }
            if (!keys.isEmpty()) {
                out.set(destinations.json(), keys);
            }
        }
        return out.isEmpty() ? Optional.empty() : Optional.of(out);
    }

    /**
     * For a resource whose body is a discriminated union (a Kusto database), its first option: what it requires,
     * its discriminator and a location when it has them.
     */
    private static Optional<Map.Entry<String, ObjectNode>> rootOption(ObjectModel spec) {
        for (Field f : spec.fields()) {
            if (f.arm() == null || f.arm().role() != dev.aso.codegen.model.ArmBinding.Role.ONE_OF
                    || !(value(f.type()).orElse(null) instanceof ObjectNode option)) {
                continue;
            }
            for (Field g : ((ObjectModel) f.type()).fields()) {
                if (g.json().equals("location")) {
                    option.put("location", "westcentralus");
                } else if (g.arm() != null && g.arm().name().equals(f.arm().name()) && g.type() instanceof Primitive p
                        && p.enumValues() != null && p.enumValues().size() == 1) {
                    option.put(g.json(), p.enumValues().get(0));
                }
            }
            return Optional.of(Map.entry(f.json(), option));
        }
        return Optional.empty();
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
                if (f.required() || f.armRequired()) {
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
                case WELL_KNOWN_RESOURCE_REFERENCE:
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
