package dev.aso.codegen.surface;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aso.codegen.surface.AsoSurface.SurfaceKind;
import dev.aso.codegen.surface.AsoSurface.SurfaceVersion;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Compares generated CRDs with ASO's surface, kind-version by kind-version: the same {@code spec} and {@code status}
 * paths with the same shapes. A CRD is given as its JSON tree (as read from the generated YAML).
 */
public final class Conformance {

    private final AsoSurface surface;

    public Conformance(AsoSurface surface) {
        this.surface = surface;
    }

    /** The result for every kind-version of the surface; {@code crds}: full group → kind → CRD. */
    public Report compare(Map<String, Map<String, JsonNode>> crds) {
        List<Result> results = new ArrayList<>();
        for (String group : surface.groups()) {
            for (SurfaceKind kind : surface.kinds(group).values()) {
                JsonNode crd = crds.getOrDefault(kind.fullGroup(), Map.of()).get(kind.kind());
                Map<String, JsonNode> served = servedVersions(crd);
                for (SurfaceVersion version : kind.versions().values()) {
                    JsonNode schema = served.get(version.name());
                    results.add(schema == null
                            ? Result.notGenerated(kind, version.name(), crd == null ? "no CRD" : "version not served")
                            : compare(kind, version, schema));
                }
            }
        }
        return new Report(results);
    }

    private static Map<String, JsonNode> servedVersions(JsonNode crd) {
        Map<String, JsonNode> out = new HashMap<>();
        if (crd != null) {
            crd.path("spec").path("versions").forEach(v -> {
                if (v.path("served").asBoolean(false)) {
                    out.put(v.path("name").asText(), v.path("schema").path("openAPIV3Schema"));
                }
            });
        }
        return out;
    }

    private static Result compare(SurfaceKind kind, SurfaceVersion version, JsonNode schema) {
        List<Difference> differences = new ArrayList<>();
        diff(version.spec(), SchemaPaths.of(schema.path("properties").path("spec"), ".spec"), differences);
        diff(version.status(), SchemaPaths.of(schema.path("properties").path("status"), ".status"), differences);
        return new Result(kind.fullGroup(), kind.kind(), version.name(), null, differences);
    }

    private static void diff(Map<String, String> expected, Map<String, String> actual, List<Difference> out) {
        TreeSet<String> paths = new TreeSet<>(expected.keySet());
        paths.addAll(actual.keySet());
        for (String path : paths) {
            String want = expected.get(path);
            String got = actual.get(path);
            if (want == null || got == null || !want.equals(got)) {
                out.add(new Difference(path, want, got));
            }
        }
    }

    /** One path that differs: {@code expected} null = extra here, {@code actual} null = missing here. */
    public record Difference(String path, String expected, String actual) {

        @Override
        public String toString() {
            return expected == null ? path + " (" + actual + ") is not in ASO"
                    : actual == null ? path + " (" + expected + ") is missing"
                    : path + " is " + actual + ", ASO has " + expected;
        }
    }

    /**
     * One kind-version: exact when it is generated and no path differs.
     *
     * @param notGenerated why there is nothing to compare, or null
     */
    public record Result(String group, String kind, String version, String notGenerated, List<Difference> differences) {

        static Result notGenerated(SurfaceKind kind, String version, String why) {
            return new Result(kind.fullGroup(), kind.kind(), version, why, List.of());
        }

        public boolean exact() {
            return notGenerated == null && differences.isEmpty();
        }

        /** {@code cache.azure.com/Redis v1api20230801}, the key of the exclusion and conformance lists. */
        public String key() {
            return group + "/" + kind + " " + version;
        }
    }

    /** Every kind-version's result. */
    public record Report(List<Result> results) {

        /** Per full group: [exact, generated, all]. */
        public Map<String, int[]> countsByGroup() {
            Map<String, int[]> out = new TreeMap<>();
            for (Result r : results) {
                int[] c = out.computeIfAbsent(r.group(), g -> new int[3]);
                c[0] += r.exact() ? 1 : 0;
                c[1] += r.notGenerated() == null ? 1 : 0;
                c[2]++;
            }
            return out;
        }

        public Map<String, Result> byKey() {
            Map<String, Result> out = new LinkedHashMap<>();
            results.forEach(r -> out.put(r.key(), r));
            return out;
        }

        /** A table of the counts per group and in all. */
        public String summary() {
            StringBuilder s = new StringBuilder(String.format("%-40s %7s %9s %5s%n", "group", "exact", "generated", "ASO"));
            int[] total = new int[3];
            countsByGroup().forEach((g, c) -> {
                s.append(String.format("%-40s %7d %9d %5d%n", g, c[0], c[1], c[2]));
                for (int i = 0; i < 3; i++) {
                    total[i] += c[i];
                }
            });
            s.append(String.format("%-40s %7d %9d %5d%n", "all", total[0], total[1], total[2]));
            return s.toString();
        }
    }
}
