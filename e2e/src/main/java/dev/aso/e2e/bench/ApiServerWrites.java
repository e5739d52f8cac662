package dev.aso.e2e.bench;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * kube-apiserver's own count of the writes it served (apiserver_request_total) and of the calls it made to the
 * conversion and admission webhooks, by what was written, so that a run shows what each resource costs the API
 * server: a snapshot, and the difference between two.
 */
record ApiServerWrites(Map<String, Double> byKey) {

  private static final Pattern LABEL = Pattern.compile("(\\w+)=\"([^\"]*)\"");
  private static final Set<String> WRITE_VERBS = Set.of("POST", "PUT", "PATCH", "APPLY",
      "CREATE", "UPDATE", "DELETE");

  /** Reads a /metrics text: writes as "VERB resource[/subresource] (group)", webhook calls by their kind. */
  static ApiServerWrites parse(String metrics) {
    Map<String, Double> out = new HashMap<>();
    metrics.lines().forEach(line -> {
      String key = key(line);
      if (key != null) {
        out.merge(key, Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)), Double::sum);
      }
    });
    return new ApiServerWrites(out);
  }

  private static String key(String line) {
    if (line.startsWith("apiserver_request_total{")) {
      Map<String, String> l = labels(line);
      if (!WRITE_VERBS.contains(l.get("verb"))) {
        return null;
      }
      String sub = l.getOrDefault("subresource", "");
      String group = l.getOrDefault("group", "");
      return l.get("verb") + " " + l.get("resource") + (sub.isEmpty() ? "" : "/" + sub)
          + (group.isEmpty() ? "" : " (" + group + ")");
    }
    if (line.startsWith("apiserver_crd_conversion_webhook_duration_seconds_count{")) {
      Map<String, String> l = labels(line);
      return "conversion webhook calls, " + versionRole(l.get("from_version")) + " to " + versionRole(l.get("to_version"));
    }
    if (line.startsWith("apiserver_admission_webhook_admission_duration_seconds_count{")) {
      Map<String, String> l = labels(line);
      return l.get("type") + " admission webhook calls (" + l.get("operation") + ")";
    }
    return null;
  }

  /** The hub (storage) version or one of the served ones: what tells who asked for a conversion. */
  private static String versionRole(String version) {
    return version == null ? "?" : version.endsWith("storage") ? "storage" : "served";
  }

  private static Map<String, String> labels(String line) {
    Map<String, String> labels = new HashMap<>();
    Matcher m = LABEL.matcher(line.substring(0, line.indexOf('}') + 1));
    while (m.find()) {
      labels.put(m.group(1), m.group(2));
    }
    return labels;
  }

  /** What was counted after {@code before}, per {@code perUnit} resources, largest first, only those of at least 0.01. */
  Map<String, Double> since(ApiServerWrites before, int perUnit) {
    Map<String, Double> out = new LinkedHashMap<>();
    byKey.entrySet().stream()
        .map(e -> Map.entry(e.getKey(), (e.getValue() - before.byKey.getOrDefault(e.getKey(), 0.0)) / perUnit))
        .filter(e -> e.getValue() >= 0.01)
        .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
        .forEach(e -> out.put(e.getKey(), e.getValue()));
    return out;
  }
}
