package dev.aso.e2e.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.TreeMap;

/**
 * The kinds a test over every kind expects to fail, each with its reason: a YAML resource
 * {@code exclusions: [{kind: group/Kind, reason: ...}]}. An entry without a reason, or a kind
 * listed twice, is refused.
 */
public final class KindExclusions {

  private KindExclusions() {}

  /** {@code group/Kind} → reason, from the test resource {@code resource}. */
  public static Map<String, String> load(String resource) {
    try (InputStream in = KindExclusions.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is not in the test resources");
      }
      JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(in);
      Map<String, String> reasons = new TreeMap<>();
      for (JsonNode entry : root.path("exclusions")) {
        String kind = entry.path("kind").asText("");
        String reason = entry.path("reason").asText("").strip();
        if (!kind.matches("[a-z0-9.]+\\.azure\\.com/[A-Z]\\w*") || reason.isEmpty()) {
          throw new IllegalStateException(resource + ": every entry needs kind (group/Kind) and a reason: " + entry);
        }
        if (reasons.put(kind, reason) != null) {
          throw new IllegalStateException(resource + ": " + kind + " is listed twice");
        }
      }
      return reasons;
    } catch (IOException e) {
      throw new UncheckedIOException(resource, e);
    }
  }
}
