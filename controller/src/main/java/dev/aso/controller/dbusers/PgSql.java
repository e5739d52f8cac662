package dev.aso.controller.dbusers;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The PostgreSQL statements a {@link PostgresUsers} runs. Names are always quoted identifiers ({@code "..."} with
 * {@code "} doubled), so any name is taken literally and none can end the statement; values (passwords included) are
 * never part of a statement's text.
 */
final class PgSql {

    /** PostgreSQL truncates longer names (NAMEDATALEN - 1 bytes), which would manage another role. */
    static final int MAX_NAME_BYTES = 63;

    static final String ROLE_OPTIONS =
            "SELECT rolcanlogin, rolcreaterole, rolcreatedb, rolreplication FROM pg_roles WHERE rolname = ?";
    static final String EXISTING_ROLES = "SELECT rolname FROM pg_roles WHERE rolname = ANY (?)";
    static final String MEMBER_OF = "SELECT r.rolname FROM pg_auth_members m JOIN pg_roles r ON r.oid = m.roleid"
            + " JOIN pg_roles u ON u.oid = m.member WHERE u.rolname = ?";

    private PgSql() {
    }

    static String identifier(String name) {
        if (name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("a PostgreSQL name cannot contain NUL");
        }
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    static void checkName(String field, String name) {
        if (name == null || name.isEmpty()) {
            throw DbUserException.of(DbUserReason.InvalidSpec, field + " is empty");
        }
        if (name.indexOf('\0') >= 0) {
            throw DbUserException.of(DbUserReason.InvalidSpec, field + " contains a NUL character");
        }
        if (name.getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
            throw DbUserException.of(DbUserReason.InvalidSpec, field + " '" + name + "' is longer than PostgreSQL's "
                    + MAX_NAME_BYTES + " bytes; choose a shorter name");
        }
    }

    static String createRole(String name, PostgresUserSpec.RoleOptions o) {
        List<String> options = new ArrayList<>();
        options.add(o.login() ? "LOGIN" : "NOLOGIN");
        if (o.createRole()) {
            options.add("CREATEROLE");
        }
        if (o.createDb()) {
            options.add("CREATEDB");
        }
        if (o.replication()) {
            options.add("REPLICATION");
        }
        return "CREATE ROLE " + identifier(name) + " WITH " + String.join(" ", options);
    }

    /**
     * ALTER ROLE with only the options that differ ({@code null} when none do): PostgreSQL wants superuser for any
     * mention of REPLICATION, even one that changes nothing, and Azure's admin is not a superuser.
     */
    static String alterRole(String name, PostgresUserSpec.RoleOptions current, PostgresUserSpec.RoleOptions wanted) {
        List<String> options = new ArrayList<>();
        change(options, current.login(), wanted.login(), "LOGIN");
        change(options, current.createRole(), wanted.createRole(), "CREATEROLE");
        change(options, current.createDb(), wanted.createDb(), "CREATEDB");
        change(options, current.replication(), wanted.replication(), "REPLICATION");
        return options.isEmpty() ? null : "ALTER ROLE " + identifier(name) + " WITH " + String.join(" ", options);
    }

    static String grant(List<String> roles, String member) {
        return "GRANT " + identifiers(roles) + " TO " + identifier(member);
    }

    static String revoke(List<String> roles, String member) {
        return "REVOKE " + identifiers(roles) + " FROM " + identifier(member);
    }

    static String dropRole(String name) {
        return "DROP ROLE IF EXISTS " + identifier(name);
    }

    private static String identifiers(List<String> names) {
        return names.stream().map(PgSql::identifier).collect(Collectors.joining(", "));
    }

    private static void change(List<String> options, boolean current, boolean wanted, String option) {
        if (current != wanted) {
            options.add(wanted ? option : "NO" + option);
        }
    }
}
