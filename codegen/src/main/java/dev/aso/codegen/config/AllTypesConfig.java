package dev.aso.codegen.config;

import dev.aso.codegen.bicep.BicepType;
import dev.aso.codegen.bicep.TypeGraph;
import dev.aso.codegen.config.GeneratorConfig.GroupConfig;
import dev.aso.codegen.config.GeneratorConfig.KindConfig;
import dev.aso.codegen.config.GeneratorConfig.VersionConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A configuration for every resource type found under a types root, with ASO's naming rules and no per-kind
 * knowledge (no references, renames or exports): the generator's "all types" mode, which reports how far the
 * plain rules go. Types it cannot serve as kinds are listed with the reason.
 */
public final class AllTypesConfig {

    private final Map<String, String> skipped = new TreeMap<>();

    public Map<String, String> skipped() {
        return skipped;
    }

    public GeneratorConfig discover(Path typesRoot, GeneratorConfig.WebhookService service) throws IOException {
        // group → kind → versions (api-version → types folder), sorted for a deterministic result
        Map<String, Map<String, KindVersions>> found = new TreeMap<>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(typesRoot)) {
            files = walk.filter(TypeGraph::isDefinitions).sorted().toList();
        }
        for (Path file : files) {
            TypeGraph graph = TypeGraph.load(file);
            String folder = typesRoot.relativize(file.getParent()).toString().replace('\\', '/');
            for (BicepType t : graph.all()) {
                if (t instanceof BicepType.ResourceType r) {
                    consider(r, folder, found);
                }
            }
        }
        List<GroupConfig> groups = new ArrayList<>();
        found.forEach((group, kinds) -> {
            List<KindConfig> kindConfigs = new ArrayList<>();
            kinds.forEach((kind, versions) -> kindConfigs.add(new KindConfig(kind, versions.armType, null, null,
                    versions.versions(), null, null, null, null, null, null, null)));
            groups.add(new GroupConfig(group, kindConfigs));
        });
        return new GeneratorConfig(service, groups);
    }

    private void consider(BicepType.ResourceType r, String folder, Map<String, Map<String, KindVersions>> found) {
        String[] nameAndVersion = r.name().split("@");
        String armType = nameAndVersion[0];
        String apiVersion = nameAndVersion.length > 1 ? nameAndVersion[1] : "";
        String[] segments = armType.split("/");
        if (apiVersion.contains("preview")) {
            return;
        }
        if (segments.length < 2 || !segments[0].toLowerCase(Locale.ROOT).startsWith("microsoft.")) {
            skipped.put(armType, "not a Microsoft.* provider type");
            return;
        }
        if ((r.writableScopes() & (8 | 4)) == 0) {
            skipped.put(armType, (r.writableScopes() & 16) != 0 ? "extension resource: not supported yet"
                    : r.writableScopes() == 0 ? "read-only in ARM (no PUT)" : "tenant or management-group scope: not supported yet");
            return;
        }
        String group = segments[0].substring("microsoft.".length()).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        String kind = kindName(segments);
        KindVersions versions = found.computeIfAbsent(group, g -> new TreeMap<>())
                .computeIfAbsent(kind, k -> new KindVersions(armType));
        if (!versions.armType.equalsIgnoreCase(armType)) {
            skipped.put(armType, "its kind name " + kind + " is taken by " + versions.armType + " in group " + group);
            return;
        }
        versions.byApiVersion.putIfAbsent(apiVersion, folder);
    }

    /** ASO's rule: parents keep their plural, the last segment is singular; {@code namespaces/eventhubs} → NamespacesEventhub. */
    static String kindName(String[] segments) {
        StringBuilder name = new StringBuilder();
        for (int i = 1; i < segments.length; i++) {
            String segment = i == segments.length - 1 ? singular(segments[i]) : segments[i];
            name.append(Character.toUpperCase(segment.charAt(0))).append(segment.substring(1));
        }
        return name.toString().replaceAll("[^A-Za-z0-9]", "");
    }

    static String singular(String plural) {
        if (plural.endsWith("ies")) {
            return plural.substring(0, plural.length() - 3) + "y";
        }
        if (plural.endsWith("sses") || plural.endsWith("xes")) {
            return plural.substring(0, plural.length() - 2);
        }
        if (plural.endsWith("s") && !plural.endsWith("ss") && !plural.endsWith("is")) {
            return plural.substring(0, plural.length() - 1);
        }
        return plural;
    }

    private static final class KindVersions {
        final String armType;
        final Map<String, String> byApiVersion = new TreeMap<>();

        KindVersions(String armType) {
            this.armType = armType;
        }

        List<VersionConfig> versions() {
            List<VersionConfig> out = new ArrayList<>();
            byApiVersion.forEach((apiVersion, folder) -> out.add(new VersionConfig(
                    "v" + apiVersion.replace("-", ""), apiVersion, folder, null, null, null, null)));
            return out;
        }
    }
}
