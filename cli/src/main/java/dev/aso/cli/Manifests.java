package dev.aso.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;

import java.io.UncheckedIOException;
import java.util.List;

/** Kubernetes objects as text: YAML documents separated by {@code ---}, or one JSON {@code v1 List}. */
public final class Manifests {

    /** The formats of {@code --format}. */
    public enum Format { yaml, json }

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS) // "1.2" must stay a string for kubectl
            .disable(YAMLGenerator.Feature.SPLIT_LINES));
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Manifests() {
    }

    public static String render(List<ObjectNode> objects, Format format) {
        try {
            if (format == Format.json) {
                ObjectNode list = JsonNodeFactory.instance.objectNode();
                list.put("apiVersion", "v1");
                list.put("kind", "List");
                list.putArray("items").addAll(objects);
                return JSON.writeValueAsString(list) + "\n";
            }
            StringBuilder out = new StringBuilder();
            for (ObjectNode o : objects) {
                out.append(YAML.writeValueAsString(o));
            }
            return out.toString();
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads YAML documents (as written by {@link #render}) back, for tests and for commands that take manifests. */
    public static List<ObjectNode> parseYaml(String text) {
        try {
            return YAML.readValues(YAML.getFactory().createParser(text), ObjectNode.class).readAll();
        } catch (java.io.IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
