package dev.aso.e2e.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The outcome of a test over every kind, per API group: how many kinds are Ready, and why the others are not. */
public final class KindReport {

  private final Map<String, List<String>> failures = new TreeMap<>();
  private final Map<String, int[]> counts = new TreeMap<>();

  /**
   * One kind's outcome; {@code excludedBecause} and {@code blockedBy} (null when not) say why a
   * failure is expected.
   */
  public void add(String group, String kind, boolean ready, String readyCondition, String excludedBecause,
      String blockedBy) {
    int[] c = counts.computeIfAbsent(group, g -> new int[2]);
    c[1]++;
    if (ready) {
      c[0]++;
      if (excludedBecause != null || blockedBy != null) {
        failures.computeIfAbsent(group, g -> new ArrayList<>()).add(kind + " is Ready but listed as failing");
      }
      return;
    }
    String why = excludedBecause != null ? " [excluded: " + excludedBecause + "]"
        : blockedBy != null ? " [blocked: its owner " + blockedBy + " is excluded]" : " [NOT EXCLUDED]";
    failures.computeIfAbsent(group, g -> new ArrayList<>()).add(kind + ": " + readyCondition + why);
  }

  public String render() {
    StringBuilder out = new StringBuilder("[aso] every kind, per group (Ready/kinds):\n");
    int ready = 0;
    int all = 0;
    for (var e : counts.entrySet()) {
      ready += e.getValue()[0];
      all += e.getValue()[1];
      out.append(String.format("  %-36s %3d/%-3d%n", e.getKey(), e.getValue()[0], e.getValue()[1]));
      for (String f : failures.getOrDefault(e.getKey(), List.of())) {
        out.append("      ").append(f).append('\n');
      }
    }
    return out.append(String.format("  %-36s %3d/%-3d%n", "all", ready, all)).toString();
  }
}
