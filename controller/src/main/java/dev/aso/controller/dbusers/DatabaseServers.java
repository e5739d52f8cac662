package dev.aso.controller.dbusers;

import java.nio.file.Path;

/**
 * How the operator reaches the database servers its users live on: the port of each engine (Azure's flexible servers
 * and SQL servers listen on the engines' standard ports: {@link #AZURE}), the CA certificates to trust (null: the
 * JVM's, which Azure's server certificates chain to) and the bounded timeouts. Tests point it at local servers.
 */
public record DatabaseServers(int postgresPort, int mySqlPort, int azureSqlPort, Path caFile, DbTimeouts timeouts) {

    public static final DatabaseServers AZURE = new DatabaseServers(5432, 3306, 1433, null, DbTimeouts.DEFAULT);

    /**
     * Azure's ports, trusting the JVM's CAs and those of {@code additionalCas} (AZURE_ADDITIONAL_CA_CERTIFICATES, null
     * when not set): what the controller process uses.
     */
    public static DatabaseServers azure(Path additionalCas) {
        return additionalCas == null ? AZURE : new DatabaseServers(AZURE.postgresPort, AZURE.mySqlPort,
                AZURE.azureSqlPort, CaBundle.withJvmCas(additionalCas), DbTimeouts.DEFAULT);
    }

    public ServerEndpoint postgres(String fullyQualifiedDomainName) {
        return new ServerEndpoint(fullyQualifiedDomainName, postgresPort, caFile);
    }

    public ServerEndpoint mySql(String fullyQualifiedDomainName) {
        return new ServerEndpoint(fullyQualifiedDomainName, mySqlPort, caFile);
    }

    public ServerEndpoint azureSql(String fullyQualifiedDomainName) {
        return new ServerEndpoint(fullyQualifiedDomainName, azureSqlPort, caFile);
    }
}
