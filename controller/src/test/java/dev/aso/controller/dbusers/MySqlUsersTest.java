package dev.aso.controller.dbusers;

import static dev.aso.controller.dbusers.Logins.admin;
import static dev.aso.controller.dbusers.Logins.assertFails;
import static dev.aso.controller.dbusers.Logins.endpoint;
import static dev.aso.controller.dbusers.Logins.password;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aso.testsupport.db.MariaDbServer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link MySqlUsers} against a real MariaDB server (MySQL's protocol) over TLS: what ASO's MySQL User does. */
class MySqlUsersTest {

    static MariaDbServer server;
    static final MySqlUsers USERS = new MySqlUsers(new MySqlConnector(DbTimeouts.DEFAULT));

    @BeforeAll
    static void start() throws SQLException {
        server = MariaDbServer.start();
        try (Connection c = connect(server.adminUser(), server.adminPassword(), "mysql");
             Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE shop");
            st.execute("CREATE DATABASE `odd``db`");
            st.execute("CREATE TABLE shop.items (id INT)");
        }
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    static Connection connect(String user, String password, String database) throws SQLException {
        return server.connect(user, password, database);
    }

    static List<String> grants(String sql, String grantee) throws SQLException {
        try (Connection c = connect(server.adminUser(), server.adminPassword(), "mysql");
             var st = c.prepareStatement(sql)) {
            st.setString(1, grantee);
            List<String> out = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getMetaData().getColumnCount() == 1 ? rs.getString(1)
                            : rs.getString(1) + ":" + rs.getString(2));
                }
            }
            return out;
        }
    }

    @Test
    void createLogInChangeAndDrop() throws SQLException {
        ServerEndpoint endpoint = endpoint(server);
        USERS.apply(endpoint, admin(server), new MySqlUserSpec("app_user", "", List.of("process"),
                Map.of("shop", List.of("select", "Insert")), password("first-Passw0rd")));

        try (Connection c = connect("app_user", "first-Passw0rd", "shop"); Statement st = c.createStatement()) {
            st.execute("INSERT INTO items VALUES (1)");
            try (ResultSet rs = st.executeQuery("SHOW SESSION STATUS LIKE 'Ssl_version'")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(2)).as("logged in over TLS").startsWith("TLSv1.");
            }
        }
        assertThat(grants(MySql.SERVER_PRIVILEGES, "'app_user'@'%'")).containsExactly("PROCESS");
        assertThat(grants(MySql.DATABASE_PRIVILEGES, "'app_user'@'%'"))
                .containsExactlyInAnyOrder("shop:SELECT", "shop:INSERT");
        assertThat(USERS.exists(endpoint, admin(server), "app_user", null)).isTrue();

        // new password, INSERT and PROCESS taken away, a second database
        USERS.apply(endpoint, admin(server), new MySqlUserSpec("app_user", "%", List.of(),
                Map.of("shop", List.of("SELECT"), "odd`db", List.of("SELECT")), password("second-Passw0rd")));
        assertThatThrownBy(() -> connect("app_user", "first-Passw0rd", "shop").close()).isInstanceOf(SQLException.class);
        try (Connection c = connect("app_user", "second-Passw0rd", "shop"); Statement st = c.createStatement()) {
            assertThatThrownBy(() -> st.execute("INSERT INTO items VALUES (2)")).isInstanceOf(SQLException.class)
                    .hasMessageContaining("denied");
        }
        assertThat(grants(MySql.SERVER_PRIVILEGES, "'app_user'@'%'")).isEmpty();
        assertThat(grants(MySql.DATABASE_PRIVILEGES, "'app_user'@'%'"))
                .containsExactlyInAnyOrder("shop:SELECT", "odd`db:SELECT");

        USERS.drop(endpoint, admin(server), "app_user", "");
        assertThat(USERS.exists(endpoint, admin(server), "app_user", "%")).isFalse();
        assertThatThrownBy(() -> connect("app_user", "second-Passw0rd", "shop").close()).isInstanceOf(SQLException.class);
        USERS.drop(endpoint, admin(server), "app_user", ""); // already gone: no error
    }

    @Test
    void namesHostsAndPasswordsAreTakenLiterally() throws SQLException {
        String name = "o'b`r\\n; DROP";
        String pw = "it's \"a\" pass; -- \\ word";
        USERS.apply(endpoint(server), admin(server), new MySqlUserSpec(name, "127.0.0.1", List.of(),
                Map.of("shop", List.of("SELECT")), password(pw)));
        try (Connection c = connect(name, pw, "shop"); ResultSet rs = c.createStatement().executeQuery("SELECT CURRENT_USER()")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo(name + "@127.0.0.1");
        }
        assertThat(USERS.exists(endpoint(server), admin(server), server.adminUser(), "%")).isTrue();
        USERS.drop(endpoint(server), admin(server), name, "127.0.0.1");
        assertThat(USERS.exists(endpoint(server), admin(server), name, "127.0.0.1")).isFalse();
    }

    @Test
    void privilegeThatIsNotAWordIsRefusedBeforeConnecting() {
        assertFails(() -> USERS.apply(endpoint(server), admin(server), new MySqlUserSpec("u1", null,
                List.of("SELECT", "ALL ON *.* TO x; --"), Map.of(), password("pw"))), DbUserReason.InvalidSpec,
                m -> assertThat(m).contains(".spec.privileges[1]"));
    }

    @Test
    void serverRefusesAServerOnlyPrivilegeOnADatabase() {
        assertFails(() -> USERS.apply(endpoint(server), admin(server), new MySqlUserSpec("u_bad_grant", null, List.of(),
                Map.of("shop", List.of("PROCESS")), password("Pw-for-bad-grant"))), DbUserReason.InvalidSpec,
                m -> assertThat(m).contains("database 'shop'", "PROCESS").doesNotContain("Pw-for-bad-grant"));
    }

    @Test
    void missingPasswordSecretAndRefusedAdminLogin() {
        assertFails(() -> USERS.apply(endpoint(server), admin(server), new MySqlUserSpec("u2", null, List.of(),
                Map.of(), password(null))), DbUserReason.PasswordSecretMissing,
                m -> assertThat(m).contains(".spec.localUser.password"));
        assertFails(() -> USERS.apply(endpoint(server), admin(server, "Wrong-Admin-Pw"), new MySqlUserSpec("u2", null,
                List.of(), Map.of(), password("User-Pw-42"))), DbUserReason.AdminLoginRefused, m -> assertThat(m)
                .contains("127.0.0.1:" + server.port(), "aso_admin").doesNotContain("Wrong-Admin-Pw", "User-Pw-42"));
    }

    @Test
    void hungServerTimesOutWithinTheBound() {
        MySqlUsers impatient = new MySqlUsers(new MySqlConnector(Logins.SHORT));
        try {
            server.suspend();
            long start = System.nanoTime();
            assertFails(() -> impatient.exists(endpoint(server), admin(server), "x", null), DbUserReason.Timeout,
                    m -> assertThat(m).contains("127.0.0.1:" + server.port()));
            assertThat((System.nanoTime() - start) / 1_000_000_000.0).isLessThan(15.0);
        } finally {
            server.resume();
        }
    }
}
