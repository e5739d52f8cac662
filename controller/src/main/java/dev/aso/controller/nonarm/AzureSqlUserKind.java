package dev.aso.controller.nonarm;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aso.controller.dbusers.AzureSqlUserSpec;
import dev.aso.controller.dbusers.AzureSqlUsers;
import dev.aso.controller.dbusers.DatabaseServers;
import dev.aso.controller.dbusers.ServerEndpoint;
import dev.aso.controller.reconcile.NonArmResource;
import dev.aso.controller.reconcile.NonArmTarget;
import dev.aso.controller.reconcile.ReconcileStop;

/**
 * {@code sql.azure.com/v1 User}: the contained user {@code spec.azureName} in the owner ServersDatabase (its
 * azureName), on that database's Server ({@code status.fullyQualifiedDomainName}), with {@code spec.roles}, managed
 * with the admin login of {@code spec.localUser}, through {@link AzureSqlUsers}. Not run against a real server in
 * the tests (docs/database-users.md).
 */
final class AzureSqlUserKind implements NonArmResource {

    /** The database and the server it is on. */
    private record Database(String name, ServerEndpoint server) {
    }

    private final AzureSqlUsers users;
    private final DatabaseServers servers;

    AzureSqlUserKind(AzureSqlUsers users, DatabaseServers servers) {
        this.users = users;
        this.servers = servers;
    }

    @Override
    public ObjectNode apply(NonArmTarget t) throws ReconcileStop {
        DbUserInputs.requireLocalUser(t);
        Database db = database(t);
        AzureSqlUserSpec spec = new AzureSqlUserSpec(db.name(), t.azureName(), DbUserInputs.strings(t.spec().path("roles")),
                DbUserInputs.password(t));
        DbUserInputs.run(() -> users.apply(db.server(), DbUserInputs.admin(t), spec));
        return null;
    }

    @Override
    public ObjectNode observe(NonArmTarget t) throws ReconcileStop {
        DbUserInputs.requireLocalUser(t);
        Database db = database(t);
        if (!DbUserInputs.call(() -> users.exists(db.server(), DbUserInputs.admin(t), db.name(), t.azureName()))) {
            throw ReconcileStop.warning("UserNotFound", "user '" + t.azureName() + "' does not exist in database '"
                    + db.name() + "' on " + db.server() + "; reconcile-policy skip never creates it");
        }
        return null;
    }

    @Override
    public void delete(NonArmTarget t) throws ReconcileStop {
        if (DbUserInputs.nothingToDrop(t)) {
            return;
        }
        Database db = database(t);
        DbUserInputs.run(() -> users.drop(db.server(), DbUserInputs.admin(t), db.name(), t.azureName()));
    }

    /** The owner ServersDatabase and its Server, which must be a Kubernetes object here (its host name is needed). */
    private Database database(NonArmTarget t) throws ReconcileStop {
        ObjectNode database = t.owner().orElseThrow(() -> ReconcileStop.error("InvalidSpec", ".spec.owner.name is"
                + " required: a ServersDatabase in this namespace (with spec.owner.armId the server's host name is"
                + " unknown to the operator)"));
        ObjectNode server = t.ownerOf(database).orElseThrow(() -> ReconcileStop.warning("WaitingForOwner",
                "the Server of ServersDatabase " + database.path("metadata").path("name").asText() + " is not a"
                        + " Kubernetes object in this namespace; its host name is needed"));
        String name = database.path("spec").path("azureName").asText("");
        return new Database(name.isEmpty() ? database.path("metadata").path("name").asText() : name,
                DbUserInputs.endpoint(server, servers::azureSql));
    }
}
