package dev.aso.conversion;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The generated CRDs, read from the api module's classpath resources. */
final class Crds {

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private Crds() {
    }

    static List<JsonNode> all() {
        List<JsonNode> crds = new ArrayList<>();
        for (String name : resource("crds/index.txt").split("\n")) {
            if (!name.isBlank()) {
                try {
                    crds.add(YAML.readTree(resource("crds/" + name.trim())));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return crds;
    }

    static JsonNode schema(JsonNode crd, String version) {
        for (JsonNode v : crd.path("spec").path("versions")) {
            if (v.path("name").asText().equals(version)) {
                return v.path("schema").path("openAPIV3Schema");
            }
        }
        throw new IllegalArgumentException(crd.path("metadata").path("name").asText() + " has no version " + version);
    }

    static String resource(String path) {
        try (InputStream in = Crds.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException(path + " is not on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
