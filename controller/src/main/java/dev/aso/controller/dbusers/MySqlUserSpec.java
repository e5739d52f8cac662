package dev.aso.controller.dbusers;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a {@code dbformysql.azure.com/v1 User} with a {@code localUser} asks for: {@code spec.azureName},
 * {@code spec.hostname} (empty: {@code %}, any host), {@code spec.privileges} (server level),
 * {@code spec.databasePrivileges} (database name to privileges) and the resolved {@code spec.localUser.password}.
 */
public record MySqlUserSpec(String name, String hostname, List<String> privileges,
                            Map<String, List<String>> databasePrivileges, SecretInput password) {

    public MySqlUserSpec {
        hostname = hostname == null || hostname.isEmpty() ? "%" : hostname;
        privileges = privileges == null ? List.of() : List.copyOf(privileges);
        Map<String, List<String>> copy = new LinkedHashMap<>();
        if (databasePrivileges != null) {
            databasePrivileges.forEach((db, p) -> copy.put(db, p == null ? List.of() : List.copyOf(p)));
        }
        databasePrivileges = java.util.Collections.unmodifiableMap(copy);
    }
}
