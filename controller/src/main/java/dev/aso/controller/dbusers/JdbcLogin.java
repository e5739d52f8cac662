package dev.aso.controller.dbusers;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * The admin login of one connection, resolved: the user name and password (checked, with the field named when
 * missing), the driver properties that carry them, and the {@link SqlSession.Target} whose messages never show the
 * password nor any of {@code secrets}.
 */
record JdbcLogin(String user, String password, SqlSession.Target target) {

    static JdbcLogin of(String engine, ServerEndpoint endpoint, AdminLogin admin, List<String> secrets,
                        DbTimeouts timeouts) {
        String user = admin.requireUser();
        String password = admin.password().require();
        List<String> all = new ArrayList<>(secrets);
        all.add(password);
        return new JdbcLogin(user, password, new SqlSession.Target(engine, endpoint, user, List.copyOf(all), timeouts));
    }

    /** {@code user} and {@code password}, for drivers that take them as properties. */
    Properties properties() {
        Properties p = new Properties();
        p.setProperty("user", user);
        p.setProperty("password", password);
        return p;
    }

    SqlSession open(SqlSession.Opener opener) {
        return SqlSession.open(target, opener);
    }

    /** A host for a JDBC URL: an IPv6 address in brackets. */
    static String urlHost(ServerEndpoint endpoint) {
        String host = endpoint.host();
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    @Override
    public String toString() {
        return "JdbcLogin[" + user + " on " + target.endpoint() + "]";
    }
}
