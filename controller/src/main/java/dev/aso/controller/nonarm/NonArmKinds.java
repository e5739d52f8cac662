package dev.aso.controller.nonarm;

import dev.aso.controller.credentials.GraphClients;
import dev.aso.controller.dbusers.AzureSqlConnector;
import dev.aso.controller.dbusers.AzureSqlUsers;
import dev.aso.controller.dbusers.DatabaseServers;
import dev.aso.controller.dbusers.MySqlConnector;
import dev.aso.controller.dbusers.MySqlUsers;
import dev.aso.controller.dbusers.PostgresConnector;
import dev.aso.controller.dbusers.PostgresUsers;
import dev.aso.controller.reconcile.NonArmResource;

import java.util.Map;

/** The kinds that are not ARM resources, by {@code group/Kind}, with what each does in its own system. */
public final class NonArmKinds {

    private NonArmKinds() {
    }

    public static Map<String, NonArmResource> standard(GraphClients graphs, DatabaseServers servers) {
        return Map.of(
                "dbforpostgresql.azure.com/User",
                new PostgresUserKind(new PostgresUsers(new PostgresConnector(servers.timeouts())), servers),
                "dbformysql.azure.com/User",
                new MySqlUserKind(new MySqlUsers(new MySqlConnector(servers.timeouts())), servers),
                "sql.azure.com/User",
                new AzureSqlUserKind(new AzureSqlUsers(new AzureSqlConnector(servers.timeouts())), servers),
                "entra.azure.com/SecurityGroup", new SecurityGroupKind(graphs));
    }
}
