package dev.aso.webhooks.metadata;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.aso.api.meta.KindMeta;
import dev.aso.api.meta.VersionMeta;

import java.util.ArrayList;
import java.util.List;

/** One kind of the catalog as the webhooks see it: a {@link KindVersion} per served version, read as it is. */
final class CatalogReader {

    private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

    List<KindVersion> read(KindMeta kind) {
        // an extension resource's owner may be of any type: nothing to check its ARM id against
        String ownerArmType = kind.arbitraryOwner() ? null : kind.ownerArmType();
        List<KindVersion> result = new ArrayList<>();
        for (VersionMeta version : kind.versions()) {
            JsonNode admission = version.admission();
            if (!admission.isObject()) {
                throw new MetadataException(name(kind, version) + " has no admission metadata in the catalog:"
                        + " regenerate the api module");
            }
            result.add(new KindVersion(kind.group(), version.name(), kind.kind(), kind.armType(), ownerArmType,
                    kind.hubVersion(), version.deprecated(), kind.recommendedVersion(), SpecShape.of(admission),
                    schema(admission.path("schema"), kind, version), SchemaDefaults.of(admission.path("defaults"))));
        }
        return result;
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
