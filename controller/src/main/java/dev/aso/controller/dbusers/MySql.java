package dev.aso.controller.dbusers;

import java.util.Set;

/**
 * The MySQL statements a {@link MySqlUsers} runs. The user, host and password are always bound parameters
 * ({@code ?@?}); database names are backtick-quoted with backticks doubled; privileges are checked words
 * ({@link MySqlPrivileges}).
 */
final class MySql {

    static final int MAX_USER = 32;
    static final int MAX_HOST = 255;
    static final int MAX_DATABASE = 64;

    static final String CREATE_USER = "CREATE USER IF NOT EXISTS ?@? IDENTIFIED BY ?";
    static final String SET_PASSWORD = "ALTER USER ?@? IDENTIFIED BY ?";
    static final String DROP_USER = "DROP USER IF EXISTS ?@?";
    static final String USER_EXISTS = "SELECT 1 FROM mysql.user WHERE User = ? AND Host = ?";
    static final String SERVER_PRIVILEGES = "SELECT PRIVILEGE_TYPE FROM INFORMATION_SCHEMA.USER_PRIVILEGES"
            + " WHERE GRANTEE = ? AND PRIVILEGE_TYPE <> 'USAGE'";
    static final String DATABASE_PRIVILEGES = "SELECT TABLE_SCHEMA, PRIVILEGE_TYPE"
            + " FROM INFORMATION_SCHEMA.SCHEMA_PRIVILEGES WHERE GRANTEE = ?";

    private MySql() {
    }

    /** The GRANTEE of INFORMATION_SCHEMA: {@code 'user'@'host'}, written by the server without escaping. */
    static String grantee(String user, String host) {
        return "'" + user + "'@'" + host + "'";
    }

    /** {@code *.*} for server-level privileges ({@code database == null}), else {@code `db`.*}. */
    static String target(String database) {
        return database == null ? "*.*" : "`" + database.replace("`", "``") + "`.*";
    }

    static String grant(Set<String> privileges, String database) {
        return "GRANT " + String.join(", ", privileges) + " ON " + target(database) + " TO ?@?";
    }

    static String revoke(Set<String> privileges, String database) {
        return "REVOKE " + String.join(", ", privileges) + " ON " + target(database) + " FROM ?@?";
    }

    static void checkLength(String field, String value, int max) {
        if (value == null || value.isEmpty()) {
            throw DbUserException.of(DbUserReason.InvalidSpec, field + " is empty");
        }
        if (value.length() > max) {
            throw DbUserException.of(DbUserReason.InvalidSpec, field + " '" + value + "' is longer than MySQL's "
                    + max + " characters");
        }
    }
}
