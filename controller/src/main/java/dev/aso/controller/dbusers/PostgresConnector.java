package dev.aso.controller.dbusers;

import java.sql.DriverManager;
import java.util.List;
import java.util.Properties;

/**
 * Admin connections to a PostgreSQL server with pgjdbc: database {@code postgres}, TLS required with the server's
 * name verified ({@code sslmode=verify-full}; the JVM's CAs, or the endpoint's CA file), bounded connect, login,
 * read and statement times. The password goes in the connection properties, never in the URL.
 */
public final class PostgresConnector {

    static final String ENGINE = "PostgreSQL";
    static final String MAINTENANCE_DATABASE = "postgres";

    private final DbTimeouts timeouts;

    public PostgresConnector(DbTimeouts timeouts) {
        this.timeouts = timeouts;
    }

    SqlSession open(ServerEndpoint endpoint, AdminLogin admin, List<String> secrets) {
        JdbcLogin login = JdbcLogin.of(ENGINE, endpoint, admin, secrets, timeouts);
        Properties p = login.properties();
        p.setProperty("sslmode", "verify-full");
        if (endpoint.caFile() != null) {
            p.setProperty("sslrootcert", endpoint.caFile().toString());
        } else {
            p.setProperty("sslfactory", "org.postgresql.ssl.DefaultJavaSSLFactory");
        }
        p.setProperty("connectTimeout", Integer.toString(timeouts.connectSeconds()));
        p.setProperty("loginTimeout", Integer.toString(timeouts.connectSeconds()));
        p.setProperty("socketTimeout", Long.toString(timeouts.socket().toSeconds()));
        p.setProperty("options", "-c statement_timeout=" + timeouts.statement().toMillis()
                + " -c lock_timeout=" + timeouts.statement().toMillis());
        p.setProperty("ApplicationName", "azure-service-operator");
        p.setProperty("tcpKeepAlive", "true");
        String url = "jdbc:postgresql://" + JdbcLogin.urlHost(endpoint) + ":" + endpoint.port() + "/"
                + MAINTENANCE_DATABASE;
        return login.open(() -> DriverManager.getConnection(url, p));
    }
}
