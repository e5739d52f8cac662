package dev.aso.codegen.model;

import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What ASO's surface says about the fields of one version's {@code spec} or {@code status}: which fields exist, with
 * which JSON names and shapes, and which are references, secrets or ConfigMap inputs. The shape builder asks it
 * instead of relying on configuration; {@link #NONE} (no surface: every resource type of a types folder) answers
 * nothing and leaves the plain rules in charge.
 */
final class SurfaceGuide {

    static final SurfaceGuide NONE = new SurfaceGuide(null);

    /** path → shape, sorted so that the paths under a prefix are one range */
    private final NavigableMap<String, String> paths;

    SurfaceGuide(Map<String, String> paths) {
        this.paths = paths == null ? null : new TreeMap<>(paths);
    }

    boolean present() {
        return paths != null;
    }

    /** True when the surface has the path itself or anything under it. */
    boolean has(String path) {
        if (paths.containsKey(path)) {
            return true;
        }
        for (String next : new String[] {path + ".", path + "[", path + "{"}) {
            String ceiling = paths.ceilingKey(next);
            if (ceiling != null && ceiling.startsWith(next)) {
                return true;
            }
        }
        return false;
    }

    Optional<String> shape(String path) {
        return Optional.ofNullable(paths.get(path));
    }

    /** A ResourceReference (or a list of them) at the path: it has {@code armId}. */
    boolean isReference(String path) {
        return paths.containsKey(path + ".armId") || paths.containsKey(path + "[].armId");
    }

    /** A reference (or a list of them) that may also hold a name Azure knows: it has {@code wellKnownName}. */
    boolean isWellKnownReference(String path) {
        return isReference(path) && (paths.containsKey(path + ".wellKnownName") || paths.containsKey(path + "[].wellKnownName"));
    }

    /** A {@code {name, key}} reference at the path: a Secret's, as ConfigMap inputs are called {@code xFromConfig}. */
    boolean isKeyReference(String path) {
        return paths.containsKey(path + ".name") && paths.containsKey(path + ".key") && !isReference(path);
    }

    /** A {@code {name}} reference alone at the path: all keys of a Secret, in place of a map of secret strings. */
    boolean isSecretMapReference(String path) {
        String prefix = path + ".";
        return paths.containsKey(prefix + "name")
                && paths.subMap(prefix, true, prefix + Character.MAX_VALUE, false).size() == 1;
    }

    /**
     * The name of the field under {@code parent} that stands for {@code jsonName} with another capitalisation
     * ({@code properties_type}, {@code iPAddress}), if the surface has exactly one.
     */
    Optional<String> sameNameIgnoringCase(String parent, String jsonName) {
        String prefix = parent + ".";
        String wanted = jsonName.replace("_", "");
        Optional<String> found = Optional.empty();
        for (String path : paths.subMap(prefix, true, prefix + Character.MAX_VALUE, false).keySet()) {
            String rest = path.substring(prefix.length());
            int end = firstDelimiter(rest);
            String name = rest.substring(0, end);
            if (name.replace("_", "").equalsIgnoreCase(wanted)) {
                if (found.isPresent() && !found.get().equals(name)) {
                    return Optional.empty();
                }
                found = Optional.of(name);
            }
        }
        return found;
    }

    /** The export keys under {@code .spec.operatorSpec.<destinations>} (secrets or configMaps). */
    java.util.SortedSet<String> exportKeys(String destinations) {
        String prefix = ".spec.operatorSpec." + destinations + ".";
        java.util.SortedSet<String> keys = new java.util.TreeSet<>();
        for (String path : paths.subMap(prefix, true, prefix + Character.MAX_VALUE, false).keySet()) {
            String rest = path.substring(prefix.length());
            keys.add(rest.substring(0, firstDelimiter(rest)));
        }
        return keys;
    }

    private static int firstDelimiter(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '.' || c == '[' || c == '{') {
                return i;
            }
        }
        return s.length();
    }
}
