package dev.aso.codegen.emit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aso.codegen.model.CommonType;
import dev.aso.codegen.model.Field;
import dev.aso.codegen.model.ShapeBuilder;
import dev.aso.codegen.model.TypeModel;
import dev.aso.codegen.model.TypeModel.*;

/**
 * Turns a {@link TypeModel} into a schema tree: the structural OpenAPI v3 schema of a CRD (patterns Go's RE2
 * cannot run left out, unknown JSON kept with x-kubernetes-preserve-unknown-fields), or a JSON Schema for the
 * webhook (every pattern kept).
 */
public final class SchemaTrees {

    /** ASO's pattern for an ARM id (resource group, subscription or any provider resource). */
    public static final String ARM_ID_PATTERN = "(?i)(^(/subscriptions/([^/]+)(/resourcegroups/([^/]+))?)?/providers/"
            + "([^/]+)/([^/]+/[^/]+)(/([^/]+/[^/]+))*$|^/subscriptions/([^/]+)(/resourcegroups/([^/]+))?$)";

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    public enum Flavour { CRD, JSON_SCHEMA }

    private final Flavour flavour;
    private final boolean descriptions;

    public SchemaTrees(Flavour flavour, boolean descriptions) {
        this.flavour = flavour;
        this.descriptions = descriptions;
    }

    public ObjectNode schema(TypeModel type, String description) {
        ObjectNode node = JSON.objectNode();
        if (type instanceof Primitive p) {
            node = primitive(p);
        } else if (type instanceof Any a) {
            node = any();
        } else if (type instanceof ObjectModel o) {
            node = object(o);
        } else if (type instanceof ArrayModel a) {
            node = array(a);
        } else if (type instanceof MapModel m) {
            node = map(m);
        } else if (type instanceof Common c) {
            node = common(c.type());
        }
        if (descriptions && description != null && !description.isBlank()) {
            ObjectNode withDescription = JSON.objectNode().put("description", description);
            withDescription.setAll(node);
            return withDescription;
        }
        return node;
    }

    public ObjectNode object(ObjectModel o) {
        ObjectNode node = JSON.objectNode().put("type", "object");
        ObjectNode props = node.putObject("properties");
        ArrayNode required = JSON.arrayNode();
        for (Field f : o.fields()) {
            props.set(f.json(), schema(f.type(), f.description()));
            if (f.required()) {
                required.add(f.json());
            }
        }
        if (!required.isEmpty()) {
            node.set("required", required);
        }
        return node;
    }

    private ObjectNode primitive(Primitive p) {
        ObjectNode node = JSON.objectNode();
        switch (p.kind()) {
            case STRING -> node.put("type", "string");
            case INTEGER -> node.put("type", "integer");
            case NUMBER -> node.put("type", "number");
            case BOOLEAN -> node.put("type", "boolean");
        }
        if (p.enumValues() != null) {
            ArrayNode values = node.putArray("enum");
            p.enumValues().forEach(values::add);
        }
        String pattern = flavour == Flavour.CRD ? ShapeBuilder.kubePattern(p.pattern()) : p.pattern();
        if (pattern != null) {
            node.put("pattern", pattern);
        }
        if (p.minLength() != null) {
            node.put("minLength", p.minLength());
        }
        if (p.maxLength() != null) {
            node.put("maxLength", p.maxLength());
        }
        if (p.minimum() != null) {
            node.put("minimum", p.minimum());
        }
        if (p.maximum() != null) {
            node.put("maximum", p.maximum());
        }
        return node;
    }

    private ObjectNode any() {
        return flavour == Flavour.CRD ? JSON.objectNode().put("x-kubernetes-preserve-unknown-fields", true)
                : JSON.objectNode();
    }

    private ObjectNode array(ArrayModel a) {
        ObjectNode node = JSON.objectNode().put("type", "array");
        node.set("items", schema(a.item(), null));
        if (a.minItems() != null) {
            node.put("minItems", a.minItems());
        }
        if (a.maxItems() != null) {
            node.put("maxItems", a.maxItems());
        }
        return node;
    }

    private ObjectNode map(MapModel m) {
        ObjectNode node = JSON.objectNode().put("type", "object");
        node.set("additionalProperties", schema(m.value(), null));
        return node;
    }

    private ObjectNode common(CommonType type) {
        return switch (type) {
            case RESOURCE_REFERENCE -> strings(
                    "A reference to an ARM resource: armId, or group, kind and name of a resource in this namespace.",
                    "armId", "group", "kind", "name");
            case WELL_KNOWN_RESOURCE_REFERENCE -> strings(
                    "A reference to an ARM resource: armId, or group, kind and name of a resource in this namespace, or"
                            + " a name Azure knows (wellKnownName).", "armId", "group", "kind", "name", "wellKnownName");
            case KNOWN_RESOURCE_REFERENCE -> strings(
                    "The owner: name of its custom resource in this namespace, or its ARM id.", "armId", "name");
            case ARBITRARY_OWNER_REFERENCE -> strings("The resource this one extends: its ARM id, or the group, kind and"
                    + " name of its custom resource in this namespace.", "armId", "group", "kind", "name");
            case SECRET_REFERENCE -> required(strings("A key of a Secret in this namespace.", "key", "name"), "key", "name");
            case SECRET_MAP_REFERENCE -> required(strings("A Secret in this namespace, all of its keys and values sent as a"
                    + " map.", "name"), "name");
            case CONFIG_MAP_REFERENCE -> required(strings("A key of a ConfigMap in this namespace.", "key", "name"),
                    "key", "name");
            case SECRET_DESTINATION -> required(withMetadata(strings("A Secret key to write, in this namespace.",
                    "key", "name"), "Secret"), "key", "name");
            case CONFIG_MAP_DESTINATION -> required(withMetadata(strings("A ConfigMap key to write, in this namespace.",
                    "key", "name"), "ConfigMap"), "key", "name");
            case DESTINATION_EXPRESSION -> required(withMetadata(strings("A value computed by an expression, written to a key.",
                    "key", "name", "value"), "Secret or ConfigMap"), "name", "value");
            case CONDITION -> condition();
        };
    }

    private ObjectNode strings(String description, String... names) {
        ObjectNode node = JSON.objectNode();
        if (descriptions) {
            node.put("description", description);
        }
        node.put("type", "object");
        ObjectNode props = node.putObject("properties");
        for (String name : names) {
            ObjectNode p = props.putObject(name).put("type", "string");
            if (name.equals("armId")) {
                p.put("pattern", ARM_ID_PATTERN);
            }
        }
        return node;
    }

    /** ASO v2.20's {@code annotations} and {@code labels} of a destination: set on the object the operator writes. */
    private ObjectNode withMetadata(ObjectNode node, String object) {
        ObjectNode props = (ObjectNode) node.get("properties");
        for (String name : new String[] {"annotations", "labels"}) {
            ObjectNode map = props.putObject(name);
            if (descriptions) {
                map.put("description", "The " + name + " to set on the " + object + " written.");
            }
            map.put("type", "object");
            map.putObject("additionalProperties").put("type", "string");
        }
        return node;
    }

    private static ObjectNode required(ObjectNode node, String... names) {
        ArrayNode required = node.putArray("required");
        for (String name : names) {
            required.add(name);
        }
        return node;
    }

    private ObjectNode condition() {
        ObjectNode node = JSON.objectNode().put("type", "object");
        ObjectNode props = node.putObject("properties");
        props.putObject("lastTransitionTime").put("type", "string").put("format", "date-time");
        props.putObject("message").put("type", "string");
        props.putObject("observedGeneration").put("type", "integer").put("format", "int64");
        props.putObject("reason").put("type", "string");
        props.putObject("severity").put("type", "string");
        props.putObject("status").put("type", "string");
        props.putObject("type").put("type", "string");
        return required(node, "status", "type");
    }
}
