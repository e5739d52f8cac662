package dev.aso.webhooks.metadata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads one generated CRD (and the JSON Schemas of its versions) from the classpath into {@link KindVersion}s. */
final class CrdReader {

    static final String ARM_TYPE = "serviceoperator.azure.com/arm-type";
    static final String OWNER_ARM_TYPE = "serviceoperator.azure.com/owner-arm-type";
    private static final Pattern DATE = Pattern.compile("(\\d{8})");

    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
    private final ObjectMapper json = new ObjectMapper();
    private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    private final ClassLoader classLoader;
    private final String prefix;

    CrdReader(ClassLoader classLoader, String prefix) {
        this.classLoader = classLoader;
        this.prefix = prefix;
    }

    List<KindVersion> read(String crdFile) {
        String path = prefix + "crds/" + crdFile;
        JsonNode crd = parse(yaml, path);
        String group = required(crd, "/spec/group", path);
        String kind = required(crd, "/spec/names/kind", path);
        JsonNode annotations = crd.path("metadata").path("annotations");
        // absent for the kinds that are not ARM resources (database users, Entra groups)
        String armType = annotations.path(ARM_TYPE).isTextual() ? annotations.get(ARM_TYPE).asText() : null;
        String ownerArmType = annotations.path(OWNER_ARM_TYPE).isTextual() ? annotations.get(OWNER_ARM_TYPE).asText() : null;

        List<JsonNode> served = new ArrayList<>();
        List<String> storage = new ArrayList<>();
        for (JsonNode version : crd.path("spec").path("versions")) {
            if (version.path("served").asBoolean(false)) {
                served.add(version);
            }
            if (version.path("storage").asBoolean(false)) {
                storage.add(version.path("name").asText());
            }
        }
        if (storage.size() != 1) {
            throw new MetadataException(path + ": expected exactly one version with storage: true, found " + storage);
        }
        String storageVersion = storage.get(0);
        String recommended = recommendedVersion(served, storageVersion);
        List<KindVersion> result = new ArrayList<>();
        for (JsonNode version : served) {
            String name = version.path("name").asText();
            JsonNode specSchema = version.path("schema").path("openAPIV3Schema").path("properties").path("spec");
            boolean isStorage = name.equals(storageVersion);
            JsonNode jsonSchema = jsonSchema(group, name, kind, isStorage);
            JsonNode residual = jsonSchema == null ? null : ResidualSchema.of(jsonSchema, specSchema);
            result.add(new KindVersion(group, name, kind, armType, ownerArmType, storageVersion,
                    version.path("deprecated").asBoolean(false), recommended, SpecShape.of(specSchema),
                    residual == null ? null : compile(residual, group, name, kind),
                    jsonSchema == null ? null : SchemaDefaults.of(jsonSchema)));
        }
        return result;
    }

    /** The JSON Schema of a version's spec; required for every served version except the storage (hub) one. */
    private JsonNode jsonSchema(String group, String version, String kind, boolean isStorage) {
        String path = schemaPath(group, version, kind);
        if (classLoader.getResource(path) == null) {
            if (isStorage) {
                return null;
            }
            throw new MetadataException("JSON Schema " + path + " for served version " + group + "/" + version
                    + " " + kind + " is not on the classpath: regenerate the api module");
        }
        return parse(json, path);
    }

    private Schema compile(JsonNode schema, String group, String version, String kind) {
        try {
            return registry.getSchema(SchemaLocation.of("classpath:" + schemaPath(group, version, kind)), schema);
        } catch (RuntimeException e) {
            throw new MetadataException("JSON Schema " + schemaPath(group, version, kind) + " cannot be compiled: "
                    + e.getMessage(), e);
        }
    }

    private String schemaPath(String group, String version, String kind) {
        return prefix + "schemas/" + group + "/" + version + "/" + kind + ".json";
    }

    /** The newest served version that is neither deprecated nor the hub; v1api… wins over v1beta… of the same date. */
    private static String recommendedVersion(List<JsonNode> served, String storageVersion) {
        return served.stream()
                .filter(v -> !v.path("deprecated").asBoolean(false))
                .map(v -> v.path("name").asText())
                .filter(name -> !name.equals(storageVersion))
                .max(Comparator.comparing(CrdReader::date).thenComparing(name -> name.startsWith("v1api")))
                .orElse(null);
    }

    private static String date(String version) {
        Matcher m = DATE.matcher(version);
        return m.find() ? m.group(1) : "";
    }

    JsonNode parse(ObjectMapper mapper, String path) {
        try (InputStream in = classLoader.getResourceAsStream(path)) {
            if (in == null) {
                throw new MetadataException(path + " is not on the classpath: regenerate the api module");
            }
            return mapper.readTree(in);
        } catch (IOException e) {
            throw new MetadataException(path + " cannot be parsed: " + e.getMessage(), e);
        }
    }

    private static String required(JsonNode crd, String pointer, String path) {
        JsonNode value = crd.at(pointer);
        if (!value.isTextual() || value.asText().isEmpty()) {
            throw new MetadataException(path + ": " + pointer + " is missing");
        }
        return value.asText();
    }
}
