package dev.aso.webhooks.metadata;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.aso.api.meta.KindMeta;
import dev.aso.api.meta.VersionMeta;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The kinds of the catalog as the webhooks see them: a {@link KindVersion} per served version, read as it is. */
final class CatalogReader {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    /** Admission text → what it says, built once for all the versions that say the same (most of a kind's do). */
    private final Map<String, Admission> byText = new HashMap<>();

    private record Admission(SpecShape shape, Schema schema, SchemaDefaults defaults) { }

    List<KindVersion> read(KindMeta kind) {
        // an extension resource's owner may be of any type: nothing to check its ARM id against
        String ownerArmType = kind.arbitraryOwner() ? null : kind.ownerArmType();
        List<KindVersion> result = new ArrayList<>();
        for (VersionMeta version : kind.versions()) {
            if (version.admission() == null) {
                throw new MetadataException(name(kind, version) + " has no admission metadata in the catalog:"
                        + " regenerate the api module");
            }
            Admission admission = byText.computeIfAbsent(version.admission(), text -> admission(text, kind, version));
            result.add(new KindVersion(kind.group(), version.name(), kind.kind(), kind.armType(), ownerArmType,
                    kind.hubVersion(), version.deprecated(), kind.recommendedVersion(), admission.shape(),
                    admission.schema(), admission.defaults()));
        }
        return result;
    }

    private Admission admission(String text, KindMeta kind, VersionMeta version) {
        JsonNode node;
        try {
            node = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new MetadataException("the admission metadata of " + name(kind, version) + " cannot be parsed: "
                    + e.getOriginalMessage(), e);
        }
        return new Admission(SpecShape.of(node), schema(node.path("schema"), kind, version),
                SchemaDefaults.of(node.path("defaults")));
    }

    private Schema schema(JsonNode schema, KindMeta kind, VersionMeta version) {
        if (schema.isMissingNode()) {
            return null;
        }
        try {
            return registry.getSchema(SchemaLocation.of("urn:aso:" + kind.group() + ":" + version.name() + ":"
                    + kind.kind()), schema);
        } catch (RuntimeException e) {
            throw new MetadataException("the JSON Schema of " + name(kind, version) + " cannot be compiled: "
                    + e.getMessage(), e);
        }
    }

    private static String name(KindMeta kind, VersionMeta version) {
        return kind.group() + "/" + version.name() + " " + kind.kind();
    }
}
