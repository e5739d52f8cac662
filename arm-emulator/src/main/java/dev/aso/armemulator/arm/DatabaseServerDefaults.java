package dev.aso.armemulator.arm;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;

/**
 * A database server's host name, {@code properties.fullyQualifiedDomainName}: Azure's {@code <name><suffix>}, or
 * the host the emulator was told to report ({@link dev.aso.armemulator.ArmEmulator.Builder#databaseHost}), so that a
 * real local server stands behind the emulated one.
 */
final class DatabaseServerDefaults implements ResourceDefaults {

    private final String resourceType;
    private final String suffix;
    private final String host;

    DatabaseServerDefaults(String resourceType, String suffix, String host) {
        this.resourceType = resourceType;
        this.suffix = suffix;
        this.host = host;
    }

    /** PostgreSQL and MySQL flexible servers and SQL servers; {@code host} null for Azure's names. */
    static List<ResourceDefaults> all(String host) {
        return List.of(
                new DatabaseServerDefaults("Microsoft.DBforPostgreSQL/flexibleServers", ".postgres.database.azure.com", host),
                new DatabaseServerDefaults("Microsoft.DBforMySQL/flexibleServers", ".mysql.database.azure.com", host),
                new DatabaseServerDefaults("Microsoft.Sql/servers", ".database.windows.net", host));
    }

    @Override
    public String resourceType() {
        return resourceType;
    }

    @Override
    public void fill(ObjectNode body) {
        body.with("properties").put("fullyQualifiedDomainName",
                host != null ? host : body.path("name").asText().toLowerCase(Locale.ROOT) + suffix);
    }
}
