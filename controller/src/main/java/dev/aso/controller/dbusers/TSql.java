package dev.aso.controller.dbusers;

/**
 * The T-SQL statements an {@link AzureSqlUsers} runs. Names are bracket-quoted with {@code ]} doubled, the password
 * is an {@code N'...'} literal with {@code '} doubled (CREATE USER and ALTER ROLE take no parameters); look-ups bind
 * their values as parameters.
 */
final class TSql {

    /** sysname; also SQL Server's longest password. */
    static final int MAX_LENGTH = 128;

    static final String PRINCIPAL_EXISTS = "SELECT name FROM sys.database_principals WHERE name = ?";
    static final String ROLE_EXISTS = "SELECT name FROM sys.database_principals WHERE type = 'R' AND name = ?";
    static final String ROLES_OF = "SELECT r.name FROM sys.database_role_members rm"
            + " JOIN sys.database_principals r ON rm.role_principal_id = r.principal_id"
            + " JOIN sys.database_principals m ON rm.member_principal_id = m.principal_id WHERE m.name = ?";

    private TSql() {
    }

    static String name(String name) {
        return "[" + name.replace("]", "]]") + "]";
    }

    static String literal(String value) {
        return "N'" + value.replace("'", "''") + "'";
    }

    static String createUser(String user, String password) {
        return "CREATE USER " + name(user) + " WITH PASSWORD = " + literal(password);
    }

    static String setPassword(String user, String password) {
        return "ALTER USER " + name(user) + " WITH PASSWORD = " + literal(password);
    }

    static String addMember(String role, String user) {
        return "ALTER ROLE " + name(role) + " ADD MEMBER " + name(user);
    }

    static String dropMember(String role, String user) {
        return "ALTER ROLE " + name(role) + " DROP MEMBER " + name(user);
    }

    static String dropUser(String user) {
        return "DROP USER IF EXISTS " + name(user);
    }

    static void check(String field, String value) {
        if (value == null || value.isEmpty()) {
            throw DbUserException.of(DbUserReason.InvalidSpec, field + " is empty");
        }
        if (value.length() > MAX_LENGTH || value.indexOf('\0') >= 0) {
            throw DbUserException.of(DbUserReason.InvalidSpec, field + " is longer than SQL Server's " + MAX_LENGTH
                    + " characters or contains NUL");
        }
    }
}
