package dev.aso.armemulator.arm;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * A database server's host name, {@code properties.fullyQualifiedDomainName}, set to the host the emulator was told
 * to report ({@link dev.aso.armemulator.ArmEmulator.Builder#databaseHost}), so that a real local server stands behind
 * the emulated one. Without it, the server reports Azure's name (provider-values.json).
 */
record DatabaseServerDefaults(String resourceType, String host) implements ResourceDefaults {

    /** PostgreSQL and MySQL flexible servers and SQL servers, all reporting {@code host}. */
    static List<ResourceDefaults> all(String host) {
        return List.of(
                new DatabaseServerDefaults("Microsoft.DBforPostgreSQL/flexibleServers", host),
                new DatabaseServerDefaults("Microsoft.DBforMySQL/flexibleServers", host),
                new DatabaseServerDefaults("Microsoft.Sql/servers", host));
    }

    @Override
    public void fill(ObjectNode body) {
        body.with("properties").put("fullyQualifiedDomainName", host);
    }
}
