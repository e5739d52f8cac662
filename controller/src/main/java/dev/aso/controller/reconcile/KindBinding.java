package dev.aso.controller.reconcile;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aso.api.meta.KindMeta;
import dev.aso.api.meta.VersionMeta;
import io.fabric8.kubernetes.client.CustomResource;

import java.util.Optional;

/** A kind the controller reconciles: its metadata and the generated class of its hub version. */
public record KindBinding(KindMeta meta, Class<? extends CustomResource<?, ?>> hubClass) {

    /** The generated class of the hub version ({@link KindMeta#hubClassName()}). */
    @SuppressWarnings("unchecked")
    public static Optional<KindBinding> of(KindMeta meta) {
        try {
            Class<?> c = Class.forName(meta.hubClassName());
            if (!CustomResource.class.isAssignableFrom(c)) {
                return Optional.empty();
            }
            return Optional.of(new KindBinding(meta, (Class<? extends CustomResource<?, ?>>) c));
        } catch (ClassNotFoundException e) {
            return Optional.empty();
        }
    }

    /** The version the object was last written at ({@code spec.originalVersion}); the hub when absent or unknown. */
    public VersionMeta originalVersion(JsonNode hubObject) {
        String original = hubObject.path("spec").path("originalVersion").asText("");
        return meta.version(original).orElse(meta.hub());
    }

    public String apiVersion(VersionMeta version) {
        return meta.group() + "/" + version.name();
    }

    public String name() {
        return meta.groupKind();
    }
}
