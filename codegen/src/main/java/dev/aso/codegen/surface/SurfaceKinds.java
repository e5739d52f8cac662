package dev.aso.codegen.surface;

import dev.aso.codegen.config.GeneratorConfig;
import dev.aso.codegen.config.GeneratorConfig.GroupConfig;
import dev.aso.codegen.config.GeneratorConfig.KindConfig;
import dev.aso.codegen.config.GeneratorConfig.VersionConfig;
import dev.aso.codegen.surface.AsoSurface.SurfaceKind;
import dev.aso.codegen.surface.AsoSurface.SurfaceVersion;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Completes the configuration from ASO's surface: every kind ASO serves with an ARM type becomes a kind, and every
 * kind without its own {@code versions} list gets ASO's served versions, oldest first, each with the folder of its
 * type definitions (or of the nearest api-version defining the type, when its own is not published), ASO's
 * {@code v<date>} names marked as twins of the {@code v1api<date>} ones. What {@code kinds.yaml} says of a kind
 * (references, exports, ...) is kept.
 */
public final class SurfaceKinds {

    private static final Pattern VERSION = Pattern.compile("v(1api|1beta|)(\\d{8})(.*)");

    private final AsoSurface surface;
    private final TypesIndex types;
    private final Map<String, String> skipped = new java.util.TreeMap<>();

    public SurfaceKinds(AsoSurface surface, TypesIndex types) {
        this.surface = surface;
        this.types = types;
    }

    public GeneratorConfig complete(GeneratorConfig config) {
        Map<String, Map<String, KindConfig>> configured = new LinkedHashMap<>();
        config.groups().forEach(g -> g.kinds().forEach(k ->
                configured.computeIfAbsent(g.group(), x -> new LinkedHashMap<>()).put(k.kind(), k)));
        List<GroupConfig> groups = new ArrayList<>();
        for (String group : surface.groups()) {
            List<KindConfig> kinds = new ArrayList<>();
            Map<String, KindConfig> ours = configured.getOrDefault(group, Map.of());
            for (SurfaceKind kind : surface.kinds(group).values()) {
                String armType = armType(kind);
                KindConfig own = ours.get(kind.kind());
                if (armType == null) {
                    // database users and Entra groups: not ARM resources, shaped by the surface alone
                    kinds.add(notArm(kind, own));
                    continue;
                }
                try {
                    kinds.add(own != null ? withVersions(own, kind) : new KindConfig(kind.kind(), armType, kind.plural(),
                            null, versions(kind, armType), null, null, null, null, null, null, null));
                } catch (IllegalStateException e) {
                    skipped.put(kind.fullGroup() + "/" + kind.kind(), e.getMessage());
                }
            }
            // kinds configured here that ASO does not serve (none today) stay
            ours.values().stream().filter(k -> !surface.kinds(group).containsKey(k.kind())).forEach(kinds::add);
            groups.add(new GroupConfig(group, kinds));
        }
        configured.forEach((group, kinds) -> {
            if (surface.kinds(group).isEmpty()) {
                groups.add(new GroupConfig(group, List.copyOf(kinds.values())));
            }
        });
        return config.withGroups(groups);
    }

    /** The kinds of ASO that could not be configured (no type definitions at all), with why. */
    public Map<String, String> skipped() {
        return skipped;
    }

    private static KindConfig notArm(SurfaceKind kind, KindConfig own) {
        List<VersionConfig> versions = kind.versions().values().stream()
                .map(v -> new VersionConfig(v.name(), null, null, null, null, null, null)).toList();
        return new KindConfig(kind.kind(), null, kind.plural(), null, versions, null, null, null, null,
                own == null ? null : own.exports(), null, null, own == null ? null : own.owner());
    }

    private KindConfig withVersions(KindConfig own, SurfaceKind kind) {
        if (own.versions() != null && !own.versions().isEmpty()) {
            return own;
        }
        String armType = own.armType() != null ? own.armType() : armType(kind);
        return new KindConfig(own.kind(), armType, own.plural() != null ? own.plural() : kind.plural(),
                own.flattenProperties(), versions(kind, armType), own.references(), own.secrets(), own.fromConfig(),
                own.renames(), own.exports(), own.extraEnumValues(), own.flattenNested(), own.owner());
    }

    /** The ARM type of the kind's newest version (a kind keeps its type across versions). */
    private static String armType(SurfaceKind kind) {
        String armType = null;
        for (SurfaceVersion v : kind.versions().values()) {
            if (v.armType() != null) {
                armType = v.armType();
            }
        }
        return armType;
    }

    private List<VersionConfig> versions(SurfaceKind kind, String armType) {
        List<SurfaceVersion> ordered = new ArrayList<>(kind.versions().values());
        ordered.sort(Comparator.comparing(SurfaceKinds::sortKey));
        List<VersionConfig> out = new ArrayList<>();
        for (SurfaceVersion v : ordered) {
            String shapeFrom = null;
            String folder = types.folder(armType, v.apiVersion()).orElse(null);
            if (folder == null) {
                shapeFrom = types.nearestVersion(armType, v.apiVersion()).orElseThrow(() -> new IllegalStateException(
                        kind.fullGroup() + "/" + kind.kind() + " " + v.name() + ": no type definitions of " + armType
                                + " at any api-version"));
                folder = types.folder(armType, shapeFrom).orElseThrow();
            }
            out.add(new VersionConfig(v.name(), v.apiVersion(), folder, shapeFrom, null, null, twinOf(kind, v)));
        }
        return out;
    }

    /** {@code v20230801} is the twin of {@code v1api20230801} when ASO serves both. */
    private static String twinOf(SurfaceKind kind, SurfaceVersion v) {
        Matcher m = VERSION.matcher(v.name());
        if (!m.matches() || !m.group(1).isEmpty()) {
            return null;
        }
        String legacy = "v1api" + m.group(2) + m.group(3);
        SurfaceVersion other = kind.versions().get(legacy);
        return other != null && other.apiVersion().equals(v.apiVersion()) ? legacy : null;
    }

    /** Oldest first: by date; at one date previews first, then the v1api name, then its v twin. */
    private static String sortKey(SurfaceVersion v) {
        Matcher m = VERSION.matcher(v.name());
        if (!m.matches()) {
            return "9" + v.name();
        }
        String prefix = switch (m.group(1)) {
            case "1beta" -> "0";
            case "1api" -> "1";
            default -> "2";
        };
        String stable = m.group(3).isEmpty() ? "1" : "0";
        return m.group(2) + stable + prefix + m.group(3);
    }
}
