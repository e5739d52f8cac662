package dev.aso.codegen.emit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aso.codegen.model.CommonType;
import dev.aso.codegen.model.Field;
import dev.aso.codegen.model.KindModel;
import dev.aso.codegen.model.TypeModel;
import dev.aso.codegen.model.TypeModel.ArrayModel;
import dev.aso.codegen.model.TypeModel.Common;
import dev.aso.codegen.model.TypeModel.MapModel;
import dev.aso.codegen.model.TypeModel.ObjectModel;
import dev.aso.codegen.model.TypeModel.Primitive;
import dev.aso.codegen.model.VersionModel;

import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What the webhooks need to default and validate one version of a kind, written into its catalog entry (the
 * {@code admission} object of each version in {@code meta/<group>/<Kind>.json}) so that they read it as it is:
 * <ul>
 *   <li>{@code azureName}, {@code owner}: whether the spec has them; {@code fixedAzureName}: the only value
 *       {@code azureName} may take, when its enum has one;</li>
 *   <li>{@code references}: the spec's shape pruned to the paths that lead to a resource reference ({@code reference}:
 *       its in-cluster fields) or to a property {@code x} with an {@code xFromConfig} sibling ({@code fromConfig}),
 *       along {@code properties}, {@code items} and {@code values}; absent when there is none;</li>
 *   <li>{@code destinations}: the operatorSpec properties that write Secrets or ConfigMaps;</li>
 *   <li>{@code schema}: what the version's JSON Schema checks beyond its CRD schema ({@link ResidualSchema}); absent
 *       when that is nothing, and for the hub, which users do not write;</li>
 *   <li>{@code defaults}: the values defaulting fills in ({@code defaults}, {@code children}, {@code items}); the
 *       type definitions declare none, so the generator writes none.</li>
 * </ul>
 */
final class AdmissionMetadata {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final String JSON_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema";
    private static final Pattern DATE = Pattern.compile("(\\d{8})");
    private static final int MAX_DEPTH = 64;

    /** An operatorSpec property that writes {@code target}s: a list of expressions, or an object of named values. */
    private record Destination(String property, String target, boolean list) { }

    private static final List<Destination> DESTINATIONS = List.of(
            new Destination("secrets", "Secret", false),
            new Destination("secretExpressions", "Secret", true),
            new Destination("configMaps", "ConfigMap", false),
            new Destination("configMapExpressions", "ConfigMap", true));

    private AdmissionMetadata() {
    }

    static ObjectNode of(VersionModel version) {
        ObjectNode node = JSON.objectNode();
        Field azureName = field(version.spec(), "azureName");
        node.put("azureName", azureName != null);
        if (azureName != null && azureName.type() instanceof Primitive p && p.enumValues() != null
                && p.enumValues().size() == 1) {
            node.put("fixedAzureName", p.enumValues().get(0));
        }
        node.put("owner", field(version.spec(), "owner") != null);
        ObjectNode references = shape(version.spec(), 0);
        if (references != null) {
            node.set("references", references);
        }
        node.set("destinations", destinations(version.spec()));
        if (!version.storage()) {
            JsonNode residual = ResidualSchema.of(jsonSchema(version),
                    new SchemaTrees(SchemaTrees.Flavour.CRD, false).object(version.spec()));
            if (residual != null) {
                node.set("schema", residual);
            }
        }
        return node;
    }

    /** The newest version that is neither deprecated nor the hub; v1api… wins over v1beta… of the same date. */
    static String recommendedVersion(KindModel kind) {
        return kind.versions().stream()
                .filter(v -> !v.deprecated() && !v.storage())
                .map(VersionModel::name)
                .max(Comparator.comparing(AdmissionMetadata::date).thenComparing(name -> name.startsWith("v1api")))
                .orElse(null);
    }

    /** The JSON Schema (draft 2020-12) of a version's spec, every pattern kept. */
    private static ObjectNode jsonSchema(VersionModel version) {
        ObjectNode document = JSON.objectNode().put("$schema", JSON_SCHEMA_DIALECT);
        document.setAll(new SchemaTrees(SchemaTrees.Flavour.JSON_SCHEMA, false).object(version.spec()));
        return document;
    }

    private static ObjectNode shape(TypeModel type, int depth) {
        if (depth > MAX_DEPTH) {
            return null;
        }
        if (type instanceof Common c) {
            List<String> local = localReferenceFields(c.type());
            return local == null ? null : reference(local);
        }
        if (type instanceof ArrayModel a) {
            return wrap("items", shape(a.item(), depth + 1));
        }
        if (type instanceof MapModel m) {
            return wrap("values", shape(m.value(), depth + 1));
        }
        if (type instanceof ObjectModel o) {
            return object(o, depth);
        }
        return null;
    }

    private static ObjectNode object(ObjectModel o, int depth) {
        Set<String> names = o.fields().stream().map(Field::json).collect(Collectors.toSet());
        ObjectNode properties = JSON.objectNode();
        ArrayNode fromConfig = JSON.arrayNode();
        for (Field f : o.fields()) {
            if (names.contains(f.json() + "FromConfig")) {
                fromConfig.add(f.json());
            }
            // an extension resource's owner: a name alone means the kind's usual owner, group and kind another
            ObjectNode child = depth == 0 && f.json().equals("owner") ? reference(List.of("name"))
                    : shape(f.type(), depth + 1);
            if (child != null) {
                properties.set(f.json(), child);
            }
        }
        if (properties.isEmpty() && fromConfig.isEmpty()) {
            return null;
        }
        ObjectNode node = JSON.objectNode();
        if (!properties.isEmpty()) {
            node.set("properties", properties);
        }
        if (!fromConfig.isEmpty()) {
            node.set("fromConfig", fromConfig);
        }
        return node;
    }

    /** The in-cluster fields of a reference type (all its fields but armId, see SchemaTrees), null for other types. */
    private static List<String> localReferenceFields(CommonType type) {
        return switch (type) {
            case RESOURCE_REFERENCE, WELL_KNOWN_RESOURCE_REFERENCE, ARBITRARY_OWNER_REFERENCE -> List.of("group", "kind", "name");
            case KNOWN_RESOURCE_REFERENCE -> List.of("name");
            default -> null;
        };
    }

    private static ObjectNode reference(List<String> localFields) {
        ObjectNode node = JSON.objectNode();
        localFields.forEach(node.putArray("reference")::add);
        return node;
    }

    private static ObjectNode wrap(String name, ObjectNode child) {
        if (child == null) {
            return null;
        }
        ObjectNode node = JSON.objectNode();
        node.set(name, child);
        return node;
    }

    private static ArrayNode destinations(ObjectModel spec) {
        ArrayNode found = JSON.arrayNode();
        Field operatorSpec = field(spec, "operatorSpec");
        if (operatorSpec != null && operatorSpec.type() instanceof ObjectModel o) {
            for (Destination d : DESTINATIONS) {
                if (field(o, d.property()) != null) {
                    found.addObject().put("property", d.property()).put("target", d.target()).put("list", d.list());
                }
            }
        }
        return found;
    }

    private static Field field(ObjectModel o, String json) {
        return o.fields().stream().filter(f -> f.json().equals(json)).findFirst().orElse(null);
    }

    private static String date(String version) {
        Matcher m = DATE.matcher(version);
        return m.find() ? m.group(1) : "";
    }
}
