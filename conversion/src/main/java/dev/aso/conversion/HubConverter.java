package dev.aso.conversion;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aso.api.meta.KindCatalog;
import dev.aso.api.meta.KindMeta;
import dev.aso.api.meta.VersionMeta;

/**
 * Converts any served version of any generated kind to any other, always through the kind's hub: spoke → hub
 * fills the property bags and records {@code spec.originalVersion}; hub → spoke restores from the bags.
 */
public final class HubConverter implements ObjectConverter {

    static final String ORIGINAL_VERSION = "originalVersion";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final KindCatalog catalog;

    public HubConverter(KindCatalog catalog) {
        this.catalog = catalog;
    }

    /** A converter for every kind on the classpath. */
    public static HubConverter fromClasspath() {
        return new HubConverter(KindCatalog.load());
    }

    @Override
    public ObjectNode convert(ObjectNode object, String desiredApiVersion) throws ConversionException {
        String[] from = groupVersion(object.path("apiVersion").asText(""), "apiVersion");
        String[] to = groupVersion(desiredApiVersion, "desiredAPIVersion");
        String kindName = object.path("kind").asText("");
        if (!from[0].equals(to[0])) {
            throw new ConversionException("cannot convert " + kindName + " from group " + from[0] + " to group " + to[0]);
        }
        KindMeta kind = catalog.kind(from[0], kindName).orElseThrow(() ->
                new ConversionException("unknown kind " + kindName + " in group " + from[0]));
        VersionMeta source = version(kind, from[1]);
        VersionMeta target = version(kind, to[1]);
        ObjectNode hub = source.storage() ? object.deepCopy() : toHub(object, kind, source);
        ObjectNode result = target.storage() ? hub : fromHub(hub, kind, target);
        result.put("apiVersion", desiredApiVersion);
        return result;
    }

    private ObjectNode toHub(ObjectNode object, KindMeta kind, VersionMeta source) throws ConversionException {
        VersionMeta hub = kind.hub();
        ObjectNode out = envelope(object);
        JsonNode leftovers = takeLeftovers(out);
        JsonNode spec = object.get("spec");
        if (spec instanceof ObjectNode s) {
            ObjectNode converted = ShapeConverter.toHub(s, source.spec(), hub.spec());
            converted.put(ORIGINAL_VERSION, source.name());
            Leftovers.mergeInto(converted, leftovers.get("spec"));
            out.set("spec", converted);
        }
        JsonNode status = object.get("status");
        if (status instanceof ObjectNode s) {
            ObjectNode converted = ShapeConverter.toHub(s, source.status(), hub.status());
            Leftovers.mergeInto(converted, leftovers.get("status"));
            out.set("status", converted);
        }
        return out;
    }

    /** Removes the leftovers annotation of an older version's object and returns its content (or {}). */
    private static JsonNode takeLeftovers(ObjectNode object) throws ConversionException {
        JsonNode annotations = object.path("metadata").path("annotations");
        if (!(annotations instanceof ObjectNode a) || !a.has(Leftovers.ANNOTATION)) {
            return JSON.createObjectNode();
        }
        String text = a.remove(Leftovers.ANNOTATION).asText();
        if (a.isEmpty()) {
            ((ObjectNode) object.get("metadata")).remove("annotations");
        }
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new ConversionException("annotation " + Leftovers.ANNOTATION + " is not valid JSON; remove it: "
                    + e.getOriginalMessage());
        }
    }

    private ObjectNode fromHub(ObjectNode object, KindMeta kind, VersionMeta target) throws ConversionException {
        VersionMeta hub = kind.hub();
        ObjectNode out = envelope(object);
        ObjectNode leftovers = JSON.createObjectNode();
        JsonNode spec = object.get("spec");
        if (spec instanceof ObjectNode s) {
            out.set("spec", ShapeConverter.fromHub(s, hub.spec(), target.spec()));
            putIfPresent(leftovers, "spec", Leftovers.of(s, hub.spec(), target.spec()));
        }
        JsonNode status = object.get("status");
        if (status instanceof ObjectNode s) {
            out.set("status", ShapeConverter.fromHub(s, hub.status(), target.status()));
            putIfPresent(leftovers, "status", Leftovers.of(s, hub.status(), target.status()));
        }
        if (!leftovers.isEmpty()) {
            ObjectNode metadata = out.withObjectProperty("metadata");
            metadata.withObjectProperty("annotations").put(Leftovers.ANNOTATION, leftovers.toString());
        }
        return out;
    }

    private static void putIfPresent(ObjectNode target, String field, JsonNode value) {
        if (value != null) {
            target.set(field, value);
        }
    }

    /** Everything but spec and status is copied unchanged (apiVersion, kind, metadata, unknown top-level fields). */
    private static ObjectNode envelope(ObjectNode object) {
        ObjectNode out = object.deepCopy();
        out.remove("spec");
        out.remove("status");
        return out;
    }

    private static VersionMeta version(KindMeta kind, String name) throws ConversionException {
        return kind.version(name).orElseThrow(() -> new ConversionException(kind.kind() + " has no version " + name
                + " (served: " + kind.versions().stream().map(VersionMeta::name).toList() + ")"));
    }

    private static String[] groupVersion(String apiVersion, String field) throws ConversionException {
        int slash = apiVersion.indexOf('/');
        if (slash <= 0 || slash == apiVersion.length() - 1) {
            throw new ConversionException(field + " '" + apiVersion + "' is not of the form group/version");
        }
        return new String[] {apiVersion.substring(0, slash), apiVersion.substring(slash + 1)};
    }
}
