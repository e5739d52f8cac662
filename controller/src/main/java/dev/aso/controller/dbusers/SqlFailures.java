package dev.aso.controller.dbusers;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.util.Locale;
import java.util.Set;
import javax.net.ssl.SSLException;

/**
 * Sorts the errors of the three JDBC drivers into {@link DbUserReason}s, by SQLSTATE, vendor code and cause:
 * PostgreSQL's SQLSTATEs, MySQL/MariaDB's error numbers, SQL Server's error numbers.
 */
final class SqlFailures {

    /** MySQL/MariaDB: access denied for user (login). */
    private static final int MYSQL_ACCESS_DENIED = 1045;
    /** SQL Server: login failed. */
    private static final int MSSQL_LOGIN_FAILED = 18456;
    private static final Set<Integer> NO_PRIVILEGE = Set.of(
            1044, 1142, 1227, 1410, 1698, // MySQL/MariaDB: db access, table command, specific privilege, grant, user
            229, 262, 15247, 15151);     // SQL Server: permission denied ..., cannot alter/find role (or no permission)
    private static final Set<Integer> BAD_SPEC = Set.of(
            1064, 1144, 1149, 1221, 1470, // MySQL/MariaDB: syntax, illegal grant, incorrect db grant usage, too long
            15023);                       // SQL Server: user already exists as another principal

    private SqlFailures() {
    }

    static DbUserReason reasonOf(SQLException e) {
        // before TLS: a server that stops answering during the handshake is a timeout, not a bad certificate
        if (e instanceof SQLTimeoutException || find(e, SocketTimeoutException.class) != null
                || mentions(e, "timed out", "timeout", "canceling statement due to statement timeout")
                || "57014".equals(e.getSQLState()) || "70100".equals(e.getSQLState())) {
            return DbUserReason.Timeout;
        }
        Throwable tls = find(e, SSLException.class);
        if (tls != null || mentions(e, "certificate", "ssl", "tls")) {
            return DbUserReason.TlsFailure;
        }
        if (find(e, UnknownHostException.class) != null || find(e, ConnectException.class) != null
                || find(e, NoRouteToHostException.class) != null) {
            return DbUserReason.ServerUnreachable;
        }
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        int code = e.getErrorCode();
        if (state.startsWith("28") || code == MYSQL_ACCESS_DENIED || code == MSSQL_LOGIN_FAILED) {
            return DbUserReason.AdminLoginRefused;
        }
        if ("42501".equals(state) || NO_PRIVILEGE.contains(code)) {
            return DbUserReason.AdminLacksPrivilege;
        }
        if ("2BP01".equals(state)) {
            return DbUserReason.UserOwnsObjects;
        }
        if ("42704".equals(state)) {
            return DbUserReason.RoleNotFound;
        }
        if (BAD_SPEC.contains(code) || "42601".equals(state) || "22023".equals(state)) {
            return DbUserReason.InvalidSpec;
        }
        if (state.startsWith("08")) {
            return DbUserReason.ServerUnreachable;
        }
        return DbUserReason.DatabaseError;
    }

    /** What the user can do about {@code reason}, for the end of the message. */
    static String hint(DbUserReason reason, String adminUser) {
        return switch (reason) {
            case AdminLoginRefused -> "check " + AdminLogin.USER_FIELD + " ('" + adminUser
                    + "') and the Secret of .spec.localUser.serverAdminPassword";
            case AdminLacksPrivilege -> "grant the admin login '" + adminUser + "' the privileges listed in"
                    + " docs/database-users.md";
            case TlsFailure -> "the server must offer TLS with a certificate for its name that a trusted CA signed";
            case ServerUnreachable -> "check that the server is running and that its firewall admits the operator";
            case Timeout -> "the server did not answer in time; it will be retried";
            case UserOwnsObjects -> "reassign or drop what the user owns (REASSIGN OWNED / DROP OWNED), then it is"
                    + " dropped on the next attempt";
            default -> "";
        };
    }

    private static boolean mentions(Throwable e, String... words) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
            for (String w : words) {
                if (m.contains(w)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Throwable find(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return t;
            }
        }
        return null;
    }
}
