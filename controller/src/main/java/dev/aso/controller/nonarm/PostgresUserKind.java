package dev.aso.controller.nonarm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aso.controller.dbusers.DatabaseServers;
import dev.aso.controller.dbusers.PostgresUserSpec;
import dev.aso.controller.dbusers.PostgresUsers;
import dev.aso.controller.dbusers.ServerEndpoint;
import dev.aso.controller.reconcile.NonArmResource;
import dev.aso.controller.reconcile.NonArmTarget;
import dev.aso.controller.reconcile.ReconcileStop;

/**
 * {@code dbforpostgresql.azure.com/v1 User}: the role {@code spec.azureName} on the owner FlexibleServer (its
 * {@code status.fullyQualifiedDomainName}), managed with the admin login of {@code spec.localUser}, through
 * {@link PostgresUsers}.
 */
final class PostgresUserKind implements NonArmResource {

    private final PostgresUsers users;
    private final DatabaseServers servers;

    PostgresUserKind(PostgresUsers users, DatabaseServers servers) {
        this.users = users;
        this.servers = servers;
    }

    @Override
    public ObjectNode apply(NonArmTarget t) throws ReconcileStop {
        DbUserInputs.requireLocalUser(t);
        ServerEndpoint server = server(t);
        JsonNode options = t.spec().path("roleOptions");
        PostgresUserSpec spec = new PostgresUserSpec(t.azureName(), options.isObject()
                ? new PostgresUserSpec.RoleOptions(options.path("login").asBoolean(), options.path("createRole").asBoolean(),
                options.path("createDb").asBoolean(), options.path("replication").asBoolean()) : null,
                DbUserInputs.strings(t.spec().path("roles")), DbUserInputs.password(t));
        DbUserInputs.run(() -> users.apply(server, DbUserInputs.admin(t), spec));
        return null;
    }

    @Override
    public ObjectNode observe(NonArmTarget t) throws ReconcileStop {
        DbUserInputs.requireLocalUser(t);
        ServerEndpoint server = server(t);
        if (!DbUserInputs.call(() -> users.exists(server, DbUserInputs.admin(t), t.azureName()))) {
            throw ReconcileStop.warning("UserNotFound", "role '" + t.azureName() + "' does not exist on " + server
                    + "; reconcile-policy skip never creates it");
        }
        return null;
    }

    @Override
    public void delete(NonArmTarget t) throws ReconcileStop {
        if (DbUserInputs.nothingToDrop(t)) {
            return;
        }
        ServerEndpoint server = server(t);
        DbUserInputs.run(() -> users.drop(server, DbUserInputs.admin(t), t.azureName()));
    }

    private ServerEndpoint server(NonArmTarget t) throws ReconcileStop {
        return DbUserInputs.ownerEndpoint(t, servers::postgres);
    }
}
