package dev.aso.controller.extensions.exports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aso.api.meta.FieldMeta;
import dev.aso.api.meta.KindCatalog;
import dev.aso.api.meta.KindMeta;
import dev.aso.api.meta.Shape;
import dev.aso.api.meta.VersionMeta;
import dev.aso.controller.extensions.KindExtensions;
import dev.aso.controller.extensions.KubernetesConfigMapExporter;
import dev.aso.controller.extensions.KubernetesSecretExporter;
import dev.aso.controller.reconcile.ExportPath;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every export key of ASO's surface ({@code aso-api/}: {@code .spec.operatorSpec.secrets.<key>} and
 * {@code configMaps.<key>} of every served version) has a source: a status path, a POST action's field or an id part
 * in the generated export metadata ({@code kinds.yaml}), or the kind's {@link KubernetesSecretExporter} /
 * {@link KubernetesConfigMapExporter} in {@link KindExtensions#standard()}. A status path must lead to a field of the
 * hub's status, an action must be one every served version of the kind has. Keys with no source are listed in
 * {@link #WITHOUT_SOURCE} with the reason; the list only shrinks (an entry that has a source now fails the test).
 */
class ExportCoverageTest {

    /** {@code group/Kind section.key} → why it has no source. */
    static final Map<String, String> WITHOUT_SOURCE = Map.of(
            "redhatopenshift.azure.com/HcpOpenShiftCluster secrets.adminCredentials",
            "the kind is not generated (no type definitions of Microsoft.RedHatOpenShift/hcpOpenShiftClusters); ASO gets"
                    + " the kubeconfig from a long-running requestAdminCredential with a client-side CSR");

    static final ObjectMapper JSON = new ObjectMapper();
    static final KindCatalog CATALOG = KindCatalog.load();
    static final KindExtensions EXTENSIONS = KindExtensions.standard();
    static Map<String, Set<String>> surface;

    @BeforeAll
    static void readSurface() throws IOException {
        surface = surfaceExportKeys(Path.of("..", "aso-api"));
    }

    @Test
    void theSurfaceHasTheExportKeysTheIssueCounts() {
        long secrets = surface.values().stream().flatMap(Set::stream).filter(k -> k.startsWith("secrets.")).count();
        long configMaps = surface.values().stream().flatMap(Set::stream).filter(k -> k.startsWith("configMaps.")).count();
        assertThat(secrets).isEqualTo(117);
        assertThat(configMaps).isEqualTo(33);
        assertThat(surface.entrySet().stream().filter(e -> e.getValue().stream().anyMatch(k -> k.startsWith("secrets.")))
                .count()).isEqualTo(31);
    }

    @Test
    void everySurfaceExportKeyHasASource() {
        List<String> missing = new ArrayList<>();
        List<String> stale = new ArrayList<>();
        int covered = 0;
        for (Map.Entry<String, Set<String>> e : surface.entrySet()) {
            for (String key : e.getValue()) {
                String id = e.getKey() + " " + key;
                boolean has = source(e.getKey(), key).isPresent();
                if (has && WITHOUT_SOURCE.containsKey(id)) {
                    stale.add(id);
                } else if (!has && !WITHOUT_SOURCE.containsKey(id)) {
                    missing.add(id);
                }
                covered += has ? 1 : 0;
            }
        }
        System.out.println("ExportCoverageTest: " + covered + " of "
                + surface.values().stream().mapToInt(Set::size).sum() + " export keys have a source; without: " + WITHOUT_SOURCE.keySet());
        assertThat(missing).as("export keys of ASO's surface with no source in kinds.yaml nor a kind extension").isEmpty();
        assertThat(stale).as("keys listed as without a source that have one now: remove them from WITHOUT_SOURCE").isEmpty();
    }

    @Test
    void configuredSourcesLeadToAStatusFieldOrAnActionEveryVersionHas() {
        List<String> wrong = new ArrayList<>();
        for (KindMeta kind : CATALOG.kinds()) {
            for (String section : List.of("secrets", "configMaps")) {
                for (Iterator<Map.Entry<String, JsonNode>> it = kind.exports().path(section).fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    String where = kind.groupKind() + " " + section + "." + e.getKey();
                    JsonNode s = e.getValue();
                    try {
                        if (s.hasNonNull("status")) {
                            ExportPath.parse(s.path("status").asText());
                            boolean found = inStatus(kind.hub().status(), s.path("status").asText());
                            if (!found) {
                                wrong.add(where + ": status." + s.path("status").asText()
                                        + " is not a field of the hub's status");
                            }
                        }
                        if (s.hasNonNull("action")) {
                            ExportPath.parse(s.path("path").asText());
                            for (VersionMeta v : kind.versions()) {
                                if (!v.storage() && !v.actions().contains(s.path("action").asText())) {
                                    wrong.add(where + ": " + v.name() + " (" + v.apiVersion() + ") has no action "
                                            + s.path("action").asText());
                                }
                            }
                        }
                    } catch (IllegalArgumentException bad) {
                        wrong.add(where + ": " + bad.getMessage());
                    }
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    /** Where the value of {@code section.key} of {@code groupKind} comes from, if anywhere. */
    static Optional<String> source(String groupKind, String key) {
        Optional<KindMeta> kind = CATALOG.kinds().stream().filter(k -> k.groupKind().equals(groupKind)).findFirst();
        if (kind.isEmpty()) {
            return Optional.empty();
        }
        String section = key.substring(0, key.indexOf('.'));
        String name = key.substring(key.indexOf('.') + 1);
        boolean own = section.equals("secrets")
                ? EXTENSIONS.find(kind.get(), KubernetesSecretExporter.class).map(x -> x.secretNames().contains(name)).orElse(false)
                : EXTENSIONS.find(kind.get(), KubernetesConfigMapExporter.class).map(x -> x.configMapNames().contains(name)).orElse(false);
        if (own) {
            return Optional.of("extension");
        }
        JsonNode s = kind.get().exports().path(section).path(name);
        return s.hasNonNull("status") || s.hasNonNull("action") || s.hasNonNull("idPart") ? Optional.of(s.toString())
                : Optional.empty();
    }

    /** Whether a dotted status path (array selectors allowed) names a field of the status shape. */
    static boolean inStatus(Shape.ObjectOf status, String path) {
        Shape at = status;
        for (String step : path.split("\\.")) {
            String name = step.contains("[") ? step.substring(0, step.indexOf('[')) : step;
            if (!(at instanceof Shape.ObjectOf o) || o.field(name) == null) {
                return false;
            }
            FieldMeta f = o.field(name);
            at = f.shape();
            if (step.contains("[")) {
                if (!(at instanceof Shape.ArrayOf a)) {
                    return false;
                }
                at = a.items();
            }
        }
        return at instanceof Shape.Scalar;
    }

    /** {@code group.azure.com/Kind} → {@code secrets.key} / {@code configMaps.key}, over every served version. */
    static Map<String, Set<String>> surfaceExportKeys(Path dir) throws IOException {
        Map<String, Set<String>> out = new TreeMap<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.json.gz")) {
            for (Path f : files) {
                String group = f.getFileName().toString().replace(".json.gz", "");
                if (group.equals("index")) {
                    continue;
                }
                JsonNode root;
                try (InputStream in = new GZIPInputStream(Files.newInputStream(f))) {
                    root = JSON.readTree(in);
                }
                JsonNode kinds = root.has("kinds") ? root.path("kinds") : root;
                kinds.fields().forEachRemaining(k -> k.getValue().path("versions").forEach(v -> v.path("spec").forEach(p -> {
                    String path = p.get(0).asText();
                    for (String section : List.of("secrets", "configMaps")) {
                        String prefix = ".spec.operatorSpec." + section + ".";
                        if (path.startsWith(prefix)) {
                            String key = path.substring(prefix.length()).split("\\.")[0];
                            out.computeIfAbsent(group + ".azure.com/" + k.getKey(), x -> new TreeSet<>()).add(section + "." + key);
                        }
                    }
                })));
            }
        }
        return out;
    }
}
