package dev.aso.controller.dbusers;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Creates, updates and drops the user of a {@code dbformysql.azure.com/v1 User} with a {@code localUser}, as ASO
 * does: {@code CREATE USER IF NOT EXISTS} and {@code ALTER USER ... IDENTIFIED BY} (so a changed password is
 * applied), then server-level and per-database privileges made to match the spec exactly (privileges no longer
 * listed are revoked). MySQL commits each of these statements on its own: a failure part way leaves what was done.
 */
public final class MySqlUsers {

    static final String NAME_FIELD = ".spec.azureName";
    static final String HOST_FIELD = ".spec.hostname";
    static final String PRIVILEGES_FIELD = ".spec.privileges";
    static final String DATABASE_PRIVILEGES_FIELD = ".spec.databasePrivileges";

    private final MySqlConnector connector;

    public MySqlUsers(MySqlConnector connector) {
        this.connector = connector;
    }

    public void apply(ServerEndpoint endpoint, AdminLogin admin, MySqlUserSpec spec) {
        MySql.checkLength(NAME_FIELD, spec.name(), MySql.MAX_USER);
        MySql.checkLength(HOST_FIELD, spec.hostname(), MySql.MAX_HOST);
        Set<String> server = MySqlPrivileges.normalise(PRIVILEGES_FIELD, spec.privileges());
        Map<String, Set<String>> databases = new LinkedHashMap<>();
        spec.databasePrivileges().forEach((db, privileges) -> {
            MySql.checkLength(DATABASE_PRIVILEGES_FIELD + " key", db, MySql.MAX_DATABASE);
            databases.put(db, MySqlPrivileges.normalise(DATABASE_PRIVILEGES_FIELD + "." + db, privileges));
        });
        String password = spec.password().require();
        String user = spec.name();
        String host = spec.hostname();
        String who = "'" + user + "'@'" + host + "'";
        try (SqlSession s = connector.open(endpoint, admin, List.of(password))) {
            s.execute("create user " + who, MySql.CREATE_USER, user, host, password);
            s.execute("set the password of " + who, MySql.SET_PASSWORD, user, host, password);
            Set<String> currentServer = new LinkedHashSet<>(s.column("list the privileges of " + who,
                    MySql.SERVER_PRIVILEGES, MySql.grantee(user, host)));
            apply(s, who, user, host, null, MySqlPrivileges.delta(currentServer, server));
            Map<String, Set<String>> currentDatabases = new HashMap<>();
            for (List<String> row : s.query("list the database privileges of " + who, MySql.DATABASE_PRIVILEGES,
                    MySql.grantee(user, host))) {
                currentDatabases.computeIfAbsent(row.get(0), k -> new LinkedHashSet<>()).add(row.get(1));
            }
            Set<String> all = new LinkedHashSet<>(databases.keySet());
            all.addAll(currentDatabases.keySet());
            for (String db : all) {
                apply(s, who, user, host, db, MySqlPrivileges.delta(currentDatabases.getOrDefault(db, Set.of()),
                        databases.getOrDefault(db, Set.of())));
            }
        }
    }

    public void drop(ServerEndpoint endpoint, AdminLogin admin, String name, String hostname) {
        String host = hostname == null || hostname.isEmpty() ? "%" : hostname;
        try (SqlSession s = connector.open(endpoint, admin, List.of())) {
            s.execute("drop user '" + name + "'@'" + host + "'", MySql.DROP_USER, name, host);
        }
    }

    public boolean exists(ServerEndpoint endpoint, AdminLogin admin, String name, String hostname) {
        String host = hostname == null || hostname.isEmpty() ? "%" : hostname;
        try (SqlSession s = connector.open(endpoint, admin, List.of())) {
            return !s.query("look up user '" + name + "'@'" + host + "'", MySql.USER_EXISTS, name, host).isEmpty();
        }
    }

    private static void apply(SqlSession s, String who, String user, String host, String db,
                              MySqlPrivileges.Delta delta) {
        String on = db == null ? "the server" : "database '" + db + "'";
        if (!delta.grant().isEmpty()) {
            s.execute("grant " + delta.grant() + " on " + on + " to " + who, MySql.grant(delta.grant(), db), user, host);
        }
        if (!delta.revoke().isEmpty()) {
            s.execute("revoke " + delta.revoke() + " on " + on + " from " + who, MySql.revoke(delta.revoke(), db),
                    user, host);
        }
    }
}
