package dev.aso.controller.dbusers;

import java.sql.DriverManager;
import java.util.List;
import java.util.Properties;

/**
 * Admin connections to a MySQL (or MariaDB) server with MariaDB Connector/J: database {@code mysql}, TLS required
 * with the server's name verified ({@code sslMode=verify-full}; the JVM's CAs, or the endpoint's CA file), bounded
 * connect and read times. The password goes in the connection properties, never in the URL.
 */
public final class MySqlConnector {

    static final String ENGINE = "MySQL";
    static final String SYSTEM_DATABASE = "mysql";

    private final DbTimeouts timeouts;

    public MySqlConnector(DbTimeouts timeouts) {
        this.timeouts = timeouts;
    }

    SqlSession open(ServerEndpoint endpoint, AdminLogin admin, List<String> secrets) {
        JdbcLogin login = JdbcLogin.of(ENGINE, endpoint, admin, secrets, timeouts);
        Properties p = login.properties();
        p.setProperty("sslMode", "verify-full");
        if (endpoint.caFile() != null) {
            p.setProperty("serverSslCert", endpoint.caFile().toString());
        }
        p.setProperty("connectTimeout", Long.toString(timeouts.connect().toMillis()));
        p.setProperty("socketTimeout", Long.toString(timeouts.socket().toMillis()));
        p.setProperty("allowMultiQueries", "false");
        p.setProperty("allowLocalInfile", "false");
        String url = "jdbc:mariadb://" + JdbcLogin.urlHost(endpoint) + ":" + endpoint.port() + "/" + SYSTEM_DATABASE;
        return login.open(() -> DriverManager.getConnection(url, p));
    }
}
