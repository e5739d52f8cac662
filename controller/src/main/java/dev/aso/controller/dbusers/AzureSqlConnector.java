package dev.aso.controller.dbusers;

import com.microsoft.sqlserver.jdbc.SQLServerDataSource;
import java.util.List;

/**
 * Admin connections to an Azure SQL database with Microsoft's JDBC driver: the owner database, TLS required
 * ({@code encrypt=strict}: TDS 8, TLS before anything else, the certificate and its name verified against the
 * JVM's CAs), bounded login and read times. Set through the data source's setters, so no value is ever parsed as
 * part of a connection string.
 */
public final class AzureSqlConnector {

    static final String ENGINE = "Azure SQL";

    private final DbTimeouts timeouts;

    public AzureSqlConnector(DbTimeouts timeouts) {
        this.timeouts = timeouts;
    }

    SqlSession open(ServerEndpoint endpoint, String database, AdminLogin admin, List<String> secrets) {
        JdbcLogin login = JdbcLogin.of(ENGINE, endpoint, admin, secrets, timeouts);
        return login.open(dataSource(endpoint, database, login.user(), login.password(), timeouts)::getConnection);
    }

    static SQLServerDataSource dataSource(ServerEndpoint endpoint, String database, String user, String password,
                                          DbTimeouts timeouts) {
        SQLServerDataSource ds = new SQLServerDataSource();
        ds.setServerName(endpoint.host());
        ds.setPortNumber(endpoint.port());
        ds.setDatabaseName(database);
        ds.setUser(user);
        ds.setPassword(password);
        ds.setEncrypt("strict");
        ds.setTrustServerCertificate(false);
        ds.setLoginTimeout(timeouts.connectSeconds());
        ds.setSocketTimeout((int) timeouts.socket().toMillis());
        ds.setQueryTimeout(timeouts.statementSeconds());
        ds.setApplicationName("azure-service-operator");
        ds.setMultiSubnetFailover(false);
        return ds;
    }
}
