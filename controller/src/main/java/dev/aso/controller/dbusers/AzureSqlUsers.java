package dev.aso.controller.dbusers;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Creates, updates and drops the contained database user of a {@code sql.azure.com/v1 User} with a
 * {@code localUser}, as ASO does: CREATE USER ... WITH PASSWORD when it is new, ALTER USER ... WITH PASSWORD when it
 * exists (so a changed password is applied), then role membership made to match {@code spec.roles} exactly; in one
 * transaction. Not run against a real server in the tests (none can run here; see docs/database-users.md).
 */
public final class AzureSqlUsers {

    static final String NAME_FIELD = ".spec.azureName";
    static final String ROLES_FIELD = ".spec.roles";
    static final String PASSWORD_FIELD = ".spec.localUser.password";

    private final AzureSqlConnector connector;

    public AzureSqlUsers(AzureSqlConnector connector) {
        this.connector = connector;
    }

    public void apply(ServerEndpoint endpoint, AdminLogin admin, AzureSqlUserSpec spec) {
        TSql.check(NAME_FIELD, spec.name());
        for (int i = 0; i < spec.roles().size(); i++) {
            TSql.check(ROLES_FIELD + "[" + i + "]", spec.roles().get(i));
        }
        String password = spec.password().require();
        if (password.length() > TSql.MAX_LENGTH) {
            throw DbUserException.of(DbUserReason.InvalidSpec, PASSWORD_FIELD + ": the password is longer than SQL"
                    + " Server's " + TSql.MAX_LENGTH + " characters");
        }
        String who = "user '" + spec.name() + "' in database '" + spec.database() + "'";
        try (SqlSession s = connector.open(endpoint, spec.database(), admin, List.of(password))) {
            s.transaction("reconcile " + who, () -> {
                for (int i = 0; i < spec.roles().size(); i++) {
                    String role = spec.roles().get(i);
                    if (s.query("look up role '" + role + "'", TSql.ROLE_EXISTS, role).isEmpty()) {
                        throw DbUserException.of(DbUserReason.RoleNotFound, ROLES_FIELD + "[" + i + "]: role '" + role
                                + "' does not exist in database '" + spec.database() + "'; create it or remove it");
                    }
                }
                boolean exists = !s.query("look up " + who, TSql.PRINCIPAL_EXISTS, spec.name()).isEmpty();
                s.execute((exists ? "set the password of " : "create ") + who, exists
                        ? TSql.setPassword(spec.name(), password) : TSql.createUser(spec.name(), password));
                Set<String> current = new LinkedHashSet<>(s.column("list the roles of " + who, TSql.ROLES_OF,
                        spec.name()));
                List<String> add = new ArrayList<>(new LinkedHashSet<>(spec.roles()));
                add.removeAll(current);
                List<String> remove = new ArrayList<>(current);
                remove.removeAll(spec.roles());
                add.forEach(r -> s.execute("add " + who + " to role '" + r + "'", TSql.addMember(r, spec.name())));
                remove.forEach(r -> s.execute("remove " + who + " from role '" + r + "'",
                        TSql.dropMember(r, spec.name())));
            });
        }
    }

    public void drop(ServerEndpoint endpoint, AdminLogin admin, String database, String name) {
        TSql.check(NAME_FIELD, name);
        try (SqlSession s = connector.open(endpoint, database, admin, List.of())) {
            s.execute("drop user '" + name + "' in database '" + database + "'", TSql.dropUser(name));
        }
    }

    public boolean exists(ServerEndpoint endpoint, AdminLogin admin, String database, String name) {
        TSql.check(NAME_FIELD, name);
        try (SqlSession s = connector.open(endpoint, database, admin, List.of())) {
            return !s.query("look up user '" + name + "' in database '" + database + "'", TSql.PRINCIPAL_EXISTS, name)
                    .isEmpty();
        }
    }
}
