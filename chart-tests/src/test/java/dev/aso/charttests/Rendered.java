package dev.aso.charttests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The objects of a rendered chart (multi-document YAML), for assertions. */
record Rendered(String yaml, List<JsonNode> objects) {

  static final YAMLMapper YAML = new YAMLMapper();

  static Rendered of(String yaml) {
    List<JsonNode> objects = new ArrayList<>();
    try (MappingIterator<JsonNode> docs = YAML.readerFor(JsonNode.class).readValues(yaml)) {
      while (docs.hasNext()) {
        JsonNode doc = docs.next();
        if (doc != null && !doc.isNull() && !doc.isEmpty()) {
          objects.add(doc);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("the rendered chart is not YAML: " + e.getMessage(), e);
    }
    return new Rendered(yaml, objects);
  }

  Stream<JsonNode> ofKind(String kind) {
    return objects.stream().filter(o -> kind.equals(o.path("kind").asText()));
  }

  JsonNode get(String kind, String name) {
    return ofKind(kind).filter(o -> name.equals(o.path("metadata").path("name").asText())).findFirst()
        .orElseThrow(() -> new AssertionError("the rendered chart has no " + kind + " " + name + "; it has "
            + objects.stream().map(Rendered::id).toList()));
  }

  boolean has(String kind, String name) {
    return ofKind(kind).anyMatch(o -> name.equals(o.path("metadata").path("name").asText()));
  }

  /** The YAML of only the objects of these kinds. */
  String yamlOf(String... kinds) {
    List<String> wanted = List.of(kinds);
    StringBuilder out = new StringBuilder();
    for (JsonNode o : objects) {
      if (wanted.contains(o.path("kind").asText())) {
        try {
          out.append(YAML.writeValueAsString(o));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
    return out.toString();
  }

  static String id(JsonNode o) {
    return o.path("kind").asText() + "/" + o.path("metadata").path("name").asText();
  }

  /** The pod templates' containers of every Deployment. */
  Stream<JsonNode> containers() {
    return ofKind("Deployment").flatMap(d -> stream(d.path("spec").path("template").path("spec").path("containers")));
  }

  static Stream<JsonNode> stream(JsonNode array) {
    List<JsonNode> items = new ArrayList<>();
    array.forEach(items::add);
    return items.stream();
  }
}
