package dev.aso.conversion;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.util.List;

/** The generated CRDs, read from the api module's classpath resources (also used by the api-types tests). */
public final class Crds {

    public static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private Crds() {
    }

    private static List<JsonNode> all;

    /** Read once: every generated CRD (hundreds, tens of megabytes of YAML). */
    public static synchronized List<JsonNode> all() {
        if (all == null) {
            all = ConverterRegistry.classpathCrds();
        }
        return all;
    }

    public static JsonNode schema(JsonNode crd, String version) {
        for (JsonNode v : crd.path("spec").path("versions")) {
            if (v.path("name").asText().equals(version)) {
                return v.path("schema").path("openAPIV3Schema");
            }
        }
        throw new IllegalArgumentException(crd.path("metadata").path("name").asText() + " has no version " + version);
    }
}
