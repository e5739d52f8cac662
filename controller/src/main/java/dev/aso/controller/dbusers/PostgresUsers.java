package dev.aso.controller.dbusers;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Creates, updates and drops the role of a {@code dbforpostgresql.azure.com/v1 User}, as ASO does: the role with its
 * {@code roleOptions} (only changed options are altered), its password, membership in exactly {@code roles} (roles
 * no longer listed are revoked). Everything runs in one transaction; the password travels as a SCRAM verifier
 * computed here (pgjdbc's {@code alterUserPassword}), so the server never sees or logs it in clear.
 */
public final class PostgresUsers {

    static final String NAME_FIELD = ".spec.azureName";
    static final String ROLES_FIELD = ".spec.roles";

    private final PostgresConnector connector;

    public PostgresUsers(PostgresConnector connector) {
        this.connector = connector;
    }

    /** Makes the role match {@code spec}; throws a {@link DbUserException} naming the field or the server. */
    public void apply(ServerEndpoint endpoint, AdminLogin admin, PostgresUserSpec spec) {
        PgSql.checkName(NAME_FIELD, spec.name());
        for (int i = 0; i < spec.roles().size(); i++) {
            PgSql.checkName(ROLES_FIELD + "[" + i + "]", spec.roles().get(i));
        }
        String password = spec.password().require();
        try (SqlSession s = connector.open(endpoint, admin, List.of(password))) {
            s.transaction("reconcile role '" + spec.name() + "'", () -> {
                requireRolesExist(s, spec.roles());
                upsertRole(s, spec);
                s.call("set the password of role '" + spec.name() + "'", c -> c.unwrap(org.postgresql.PGConnection.class)
                        .alterUserPassword(spec.name(), password.toCharArray(), null));
                reconcileMemberships(s, spec);
            });
        }
    }

    /** Drops the role; nothing happens when it does not exist. */
    public void drop(ServerEndpoint endpoint, AdminLogin admin, String name) {
        PgSql.checkName(NAME_FIELD, name);
        try (SqlSession s = connector.open(endpoint, admin, List.of())) {
            s.execute("drop role '" + name + "'", PgSql.dropRole(name));
        }
    }

    public boolean exists(ServerEndpoint endpoint, AdminLogin admin, String name) {
        try (SqlSession s = connector.open(endpoint, admin, List.of())) {
            return !s.query("look up role '" + name + "'", PgSql.ROLE_OPTIONS, name).isEmpty();
        }
    }

    private static void requireRolesExist(SqlSession s, List<String> roles) {
        if (roles.isEmpty()) {
            return;
        }
        Set<String> found = Set.copyOf(s.column("look up the roles of " + ROLES_FIELD, PgSql.EXISTING_ROLES,
                (Object) roles.toArray(String[]::new)));
        for (int i = 0; i < roles.size(); i++) {
            if (!found.contains(roles.get(i))) {
                throw DbUserException.of(DbUserReason.RoleNotFound, ROLES_FIELD + "[" + i + "]: role '" + roles.get(i)
                        + "' does not exist on the server (names are case-sensitive); create it or remove it from"
                        + " the list");
            }
        }
    }

    private static void upsertRole(SqlSession s, PostgresUserSpec spec) {
        List<List<String>> rows = s.query("look up role '" + spec.name() + "'", PgSql.ROLE_OPTIONS, spec.name());
        if (rows.isEmpty()) {
            s.execute("create role '" + spec.name() + "'", PgSql.createRole(spec.name(), spec.roleOptions()));
            return;
        }
        List<String> r = rows.get(0);
        var current = new PostgresUserSpec.RoleOptions(bool(r.get(0)), bool(r.get(1)), bool(r.get(2)), bool(r.get(3)));
        String alter = PgSql.alterRole(spec.name(), current, spec.roleOptions());
        if (alter != null) {
            s.execute("change the options of role '" + spec.name() + "'", alter);
        }
    }

    private static void reconcileMemberships(SqlSession s, PostgresUserSpec spec) {
        Set<String> current = new LinkedHashSet<>(s.column("list the roles of '" + spec.name() + "'", PgSql.MEMBER_OF,
                spec.name()));
        List<String> add = new ArrayList<>(new LinkedHashSet<>(spec.roles()));
        add.removeAll(current);
        List<String> remove = new ArrayList<>(current);
        remove.removeAll(spec.roles());
        if (!add.isEmpty()) {
            s.execute("grant " + add + " to '" + spec.name() + "'", PgSql.grant(add, spec.name()));
        }
        if (!remove.isEmpty()) {
            s.execute("revoke " + remove + " from '" + spec.name() + "'", PgSql.revoke(remove, spec.name()));
        }
    }

    private static boolean bool(String pgBoolean) {
        return "t".equals(pgBoolean) || "true".equals(pgBoolean);
    }
}
