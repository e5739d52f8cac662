package dev.aso.controller.nonarm;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aso.controller.dbusers.DatabaseServers;
import dev.aso.controller.dbusers.MySqlUserSpec;
import dev.aso.controller.dbusers.MySqlUsers;
import dev.aso.controller.dbusers.ServerEndpoint;
import dev.aso.controller.reconcile.NonArmResource;
import dev.aso.controller.reconcile.NonArmTarget;
import dev.aso.controller.reconcile.ReconcileStop;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code dbformysql.azure.com/v1 User}: the user {@code spec.azureName}@{@code spec.hostname} on the owner
 * FlexibleServer (its {@code status.fullyQualifiedDomainName}), with {@code spec.privileges} and
 * {@code spec.databasePrivileges}, managed with the admin login of {@code spec.localUser}, through {@link MySqlUsers}.
 */
final class MySqlUserKind implements NonArmResource {

    private final MySqlUsers users;
    private final DatabaseServers servers;

    MySqlUserKind(MySqlUsers users, DatabaseServers servers) {
        this.users = users;
        this.servers = servers;
    }

    @Override
    public ObjectNode apply(NonArmTarget t) throws ReconcileStop {
        DbUserInputs.requireLocalUser(t);
        ServerEndpoint server = server(t);
        Map<String, List<String>> databases = new LinkedHashMap<>();
        t.spec().path("databasePrivileges").fields()
                .forEachRemaining(e -> databases.put(e.getKey(), DbUserInputs.strings(e.getValue())));
        MySqlUserSpec spec = new MySqlUserSpec(t.azureName(), hostname(t),
                DbUserInputs.strings(t.spec().path("privileges")), databases, DbUserInputs.password(t));
        DbUserInputs.run(() -> users.apply(server, DbUserInputs.admin(t), spec));
        return null;
    }

    @Override
    public ObjectNode observe(NonArmTarget t) throws ReconcileStop {
        DbUserInputs.requireLocalUser(t);
        ServerEndpoint server = server(t);
        if (!DbUserInputs.call(() -> users.exists(server, DbUserInputs.admin(t), t.azureName(), hostname(t)))) {
            throw ReconcileStop.warning("UserNotFound", "user '" + t.azureName() + "'@'" + hostname(t)
                    + "' does not exist on " + server + "; reconcile-policy skip never creates it");
        }
        return null;
    }

    @Override
    public void delete(NonArmTarget t) throws ReconcileStop {
        if (DbUserInputs.nothingToDrop(t)) {
            return;
        }
        ServerEndpoint server = server(t);
        DbUserInputs.run(() -> users.drop(server, DbUserInputs.admin(t), t.azureName(), hostname(t)));
    }

    private static String hostname(NonArmTarget t) {
        String host = t.spec().path("hostname").asText("");
        return host.isEmpty() ? "%" : host;
    }

    private ServerEndpoint server(NonArmTarget t) throws ReconcileStop {
        return DbUserInputs.ownerEndpoint(t, servers::mySql);
    }
}
