package dev.aso.controller.dbusers;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Privilege names of {@code spec.privileges} and {@code spec.databasePrivileges}: normalised (upper case, single
 * spaces), checked to be words only (so one can be written into a GRANT without quoting, as MySQL requires), and
 * diffed against what the server reports. {@code ALL} (or {@code ALL PRIVILEGES}) grants everything and revokes
 * nothing, as in ASO.
 */
final class MySqlPrivileges {

    private static final Pattern WORDS = Pattern.compile("[A-Z][A-Z_]*( [A-Z][A-Z_]*)*");

    private MySqlPrivileges() {
    }

    /** The normalised privileges; throws {@link DbUserReason#InvalidSpec} naming {@code field}[i]. */
    static Set<String> normalise(String field, List<String> privileges) {
        Set<String> out = new LinkedHashSet<>();
        for (int i = 0; i < privileges.size(); i++) {
            String p = privileges.get(i) == null ? "" : privileges.get(i).trim().replaceAll("\\s+", " ")
                    .toUpperCase(Locale.ROOT);
            if (!WORDS.matcher(p).matches()) {
                throw DbUserException.of(DbUserReason.InvalidSpec, field + "[" + i + "]: '" + privileges.get(i)
                        + "' is not a MySQL privilege name (such as SELECT, INSERT, CREATE TEMPORARY TABLES)");
            }
            out.add(p.equals("ALL PRIVILEGES") ? "ALL" : p);
        }
        return out;
    }

    /** What to grant and revoke to go from {@code current} to {@code wanted}. */
    record Delta(Set<String> grant, Set<String> revoke) {
        boolean isEmpty() {
            return grant.isEmpty() && revoke.isEmpty();
        }
    }

    static Delta delta(Set<String> current, Set<String> wanted) {
        if (wanted.contains("ALL")) {
            return new Delta(Set.of("ALL"), Set.of());
        }
        Set<String> grant = new LinkedHashSet<>(wanted);
        grant.removeAll(current);
        Set<String> revoke = new LinkedHashSet<>(current);
        revoke.removeAll(wanted);
        return new Delta(grant, revoke);
    }
}
