package dev.aso.controller.dbusers;

import static dev.aso.controller.dbusers.Logins.admin;
import static dev.aso.controller.dbusers.Logins.assertFails;
import static dev.aso.controller.dbusers.Logins.endpoint;
import static dev.aso.controller.dbusers.Logins.password;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aso.controller.dbusers.PostgresUserSpec.RoleOptions;
import dev.aso.testsupport.db.PostgresServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link PostgresUsers} against a real PostgreSQL server over TLS: what ASO's PostgreSQL User does. */
class PostgresUsersTest {

    static PostgresServer server;
    static final PostgresUsers USERS = new PostgresUsers(new PostgresConnector(DbTimeouts.DEFAULT));

    @BeforeAll
    static void start() throws SQLException {
        server = PostgresServer.start();
        try (Connection c = connect(server.adminUser(), server.adminPassword()); Statement st = c.createStatement()) {
            st.execute("CREATE ROLE app_reader NOLOGIN");
            st.execute("CREATE ROLE app_writer NOLOGIN");
            st.execute("CREATE ROLE canary NOLOGIN");
        }
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    static Connection connect(String user, String password) throws SQLException {
        return server.connect(user, password, "postgres");
    }

    static List<String> strings(String sql, String param) throws SQLException {
        try (Connection c = connect(server.adminUser(), server.adminPassword());
             var st = c.prepareStatement(sql)) {
            st.setString(1, param);
            List<String> out = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        }
    }

    static List<String> memberships(String user) throws SQLException {
        return strings(PgSql.MEMBER_OF, user);
    }

    static String options(String user) throws SQLException {
        return strings("SELECT concat_ws(',', rolcanlogin, rolcreaterole, rolcreatedb, rolreplication) FROM pg_roles"
                + " WHERE rolname = ?", user).get(0);
    }

    @Test
    void createLogInChangeAndDrop() throws SQLException {
        ServerEndpoint endpoint = endpoint(server);
        USERS.apply(endpoint, admin(server), new PostgresUserSpec("app_user", new RoleOptions(true, false, true, false),
                List.of("app_reader"), password("first-Passw0rd")));

        try (Connection c = connect("app_user", "first-Passw0rd");
             ResultSet rs = c.createStatement().executeQuery(
                     "SELECT current_user, ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("app_user");
            assertThat(rs.getBoolean(2)).as("logged in over TLS").isTrue();
        }
        assertThat(memberships("app_user")).containsExactly("app_reader");
        assertThat(options("app_user")).isEqualTo("t,f,t,f");
        assertThat(USERS.exists(endpoint, admin(server), "app_user")).isTrue();

        // a new password (the Secret changed), another role, createDb dropped
        USERS.apply(endpoint, admin(server), new PostgresUserSpec("app_user", new RoleOptions(true, false, false, false),
                List.of("app_writer"), password("second-Passw0rd")));
        assertThatThrownBy(() -> connect("app_user", "first-Passw0rd").close())
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("28P01"));
        connect("app_user", "second-Passw0rd").close();
        assertThat(memberships("app_user")).as("app_reader revoked").containsExactly("app_writer");
        assertThat(options("app_user")).isEqualTo("t,f,f,f");

        // the same spec again changes nothing and does not fail
        USERS.apply(endpoint, admin(server), new PostgresUserSpec("app_user", new RoleOptions(true, false, false, false),
                List.of("app_writer"), password("second-Passw0rd")));

        USERS.drop(endpoint, admin(server), "app_user");
        assertThat(USERS.exists(endpoint, admin(server), "app_user")).isFalse();
        assertThatThrownBy(() -> connect("app_user", "second-Passw0rd").close()).isInstanceOf(SQLException.class);
        USERS.drop(endpoint, admin(server), "app_user"); // already gone: no error
    }

    @Test
    void namesAndPasswordsAreTakenLiterally() throws SQLException {
        String name = "x\"; DROP ROLE canary; --";
        String pw = "it's a \"pass\"; -- \\ word";
        USERS.apply(endpoint(server), admin(server), new PostgresUserSpec(name, null, List.of(), password(pw)));
        assertThat(strings("SELECT rolname FROM pg_roles WHERE rolname = ?", "canary")).containsExactly("canary");
        try (Connection c = connect(name, pw); ResultSet rs = c.createStatement().executeQuery("SELECT current_user")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo(name);
        }
        USERS.drop(endpoint(server), admin(server), name);
        assertThat(strings("SELECT rolname FROM pg_roles WHERE rolname = ?", "canary")).containsExactly("canary");
    }

    @Test
    void passwordIsNeverSentInClear() throws Exception {
        USERS.apply(endpoint(server), admin(server), new PostgresUserSpec("scram_user", null, List.of(),
                password("Visible-Only-To-Java")));
        assertThat(strings("SELECT rolpassword FROM pg_authid WHERE rolname = ?", "scram_user").get(0))
                .startsWith("SCRAM-SHA-256$");
        assertThat(Files.readString(Path.of(server.process().logFile().toString()))).doesNotContain("Visible-Only-To-Java");
    }

    @Test
    void missingOrEmptyPasswordSecretIsNamed() {
        assertFails(() -> USERS.apply(endpoint(server), admin(server), new PostgresUserSpec("u1", null, List.of(),
                password(null))), DbUserReason.PasswordSecretMissing, m -> assertThat(m)
                .contains(".spec.localUser.password", "app-user-secret", "'password'"));
        assertFails(() -> USERS.apply(endpoint(server), admin(server), new PostgresUserSpec("u1", null, List.of(),
                password(""))), DbUserReason.PasswordSecretEmpty, m -> assertThat(m).contains(".spec.localUser.password"));
        assertFails(() -> USERS.apply(endpoint(server), admin(server, null), new PostgresUserSpec("u1", null, List.of(),
                password("pw"))), DbUserReason.PasswordSecretMissing,
                m -> assertThat(m).contains(".spec.localUser.serverAdminPassword", "server-admin"));
    }

    @Test
    void unknownRoleIsNamedAndNothingIsCreated() throws SQLException {
        assertFails(() -> USERS.apply(endpoint(server), admin(server), new PostgresUserSpec("half_user", null,
                List.of("app_reader", "no_such_role"), password("Secret-123"))), DbUserReason.RoleNotFound,
                m -> assertThat(m).contains(".spec.roles[1]", "no_such_role").doesNotContain("Secret-123"));
        assertThat(USERS.exists(endpoint(server), admin(server), "half_user")).isFalse();
    }

    @Test
    void tooLongNameIsRefusedBeforeConnecting() {
        assertFails(() -> USERS.apply(endpoint(server), admin(server), new PostgresUserSpec("n".repeat(64), null,
                List.of(), password("pw"))), DbUserReason.InvalidSpec, m -> assertThat(m).contains(".spec.azureName", "63"));
    }

    @Test
    void refusedAdminLoginNamesServerAndLoginNotPasswords() {
        assertFails(() -> USERS.apply(endpoint(server), admin(server, "Wrong-Admin-Pw"), new PostgresUserSpec("u2", null,
                List.of(), password("User-Pw-42"))), DbUserReason.AdminLoginRefused, m -> assertThat(m)
                .contains("127.0.0.1:" + server.port(), "aso_admin", ".spec.localUser.serverAdminUsername")
                .doesNotContain("Wrong-Admin-Pw").doesNotContain("User-Pw-42"));
    }

    @Test
    void untrustedCertificateIsATlsFailure(@TempDir Path dir) throws Exception {
        Path otherCa = Files.writeString(dir.resolve("other-ca.pem"),
                dev.aso.testsupport.Pki.CertificateAuthority.create("not the server's CA").certificatePem());
        assertFails(() -> USERS.exists(new ServerEndpoint(server.host(), server.port(), otherCa), admin(server), "x"),
                DbUserReason.TlsFailure, m -> assertThat(m).contains("127.0.0.1:" + server.port()));
    }

    @Test
    void closedPortIsUnreachable() throws Exception {
        int closed = Logins.closedPort();
        assertFails(() -> USERS.exists(new ServerEndpoint("127.0.0.1", closed, server.caFile()), admin(server), "x"),
                DbUserReason.ServerUnreachable, m -> assertThat(m).contains("127.0.0.1:" + closed));
    }

    @Test
    void hungServerTimesOutWithinTheBound() {
        PostgresUsers impatient = new PostgresUsers(new PostgresConnector(Logins.SHORT));
        try {
            server.suspend();
            long start = System.nanoTime();
            assertFails(() -> impatient.exists(endpoint(server), admin(server), "x"), DbUserReason.Timeout,
                    m -> assertThat(m).contains("127.0.0.1:" + server.port()));
            assertThat((System.nanoTime() - start) / 1_000_000_000.0).isLessThan(15.0);
        } finally {
            server.resume();
        }
    }
}
