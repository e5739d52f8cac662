package dev.aso.controller.dbusers;

import static dev.aso.controller.dbusers.Logins.assertFails;
import static dev.aso.controller.dbusers.Logins.password;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Azure SQL users without a SQL Server (none can run here): the T-SQL that {@link AzureSqlUsers} sends, checked
 * statement by statement, and Microsoft's real driver against a closed port and a server that never answers. Whether
 * a real Azure SQL database accepts these statements is not tested (docs/database-users.md says so).
 */
class AzureSqlUsersTest {

    static final SecretInput ADMIN_PW = new SecretInput(".spec.localUser.serverAdminPassword", "sql-admin", "password",
            "Admin-Pw-77");
    static final AdminLogin ADMIN = new AdminLogin("sqladmin", ADMIN_PW);

    @Test
    void namesAreBracketQuotedAndPasswordsAreNLiterals() {
        assertThat(TSql.createUser("app", "p'w")).isEqualTo("CREATE USER [app] WITH PASSWORD = N'p''w'");
        assertThat(TSql.setPassword("app", "x")).isEqualTo("ALTER USER [app] WITH PASSWORD = N'x'");
        assertThat(TSql.addMember("db_datareader", "app")).isEqualTo("ALTER ROLE [db_datareader] ADD MEMBER [app]");
        assertThat(TSql.dropMember("db_datawriter", "app")).isEqualTo("ALTER ROLE [db_datawriter] DROP MEMBER [app]");
        assertThat(TSql.dropUser("app")).isEqualTo("DROP USER IF EXISTS [app]");
    }

    @Test
    void injectionStaysInsideTheQuotes() {
        assertThat(TSql.createUser("x]; DROP USER admin; --", "'; DROP USER admin; --"))
                .isEqualTo("CREATE USER [x]]; DROP USER admin; --] WITH PASSWORD = N'''; DROP USER admin; --'");
        assertThat(TSql.addMember("r]]", "[u]")).isEqualTo("ALTER ROLE [r]]]]] ADD MEMBER [[u]]]");
    }

    @Test
    void badInputIsRefusedBeforeConnecting() {
        AzureSqlUsers users = new AzureSqlUsers(new AzureSqlConnector(Logins.SHORT));
        ServerEndpoint nowhere = ServerEndpoint.of("127.0.0.1", 9);
        assertFails(() -> users.apply(nowhere, ADMIN, new AzureSqlUserSpec("db", "u", List.of(), password(""))),
                DbUserReason.PasswordSecretEmpty, m -> assertThat(m).contains(".spec.localUser.password"));
        assertFails(() -> users.apply(nowhere, ADMIN, new AzureSqlUserSpec("db", "u".repeat(129), List.of(),
                password("pw"))), DbUserReason.InvalidSpec, m -> assertThat(m).contains(".spec.azureName", "128"));
        assertFails(() -> users.apply(nowhere, ADMIN, new AzureSqlUserSpec("db", "u", List.of("db_owner", ""),
                password("pw"))), DbUserReason.InvalidSpec, m -> assertThat(m).contains(".spec.roles[1]"));
        assertFails(() -> users.apply(nowhere, ADMIN, new AzureSqlUserSpec("db", "u", List.of(),
                password("p".repeat(129)))), DbUserReason.InvalidSpec,
                m -> assertThat(m).contains(".spec.localUser.password").doesNotContain("ppp"));
        assertFails(() -> users.apply(nowhere, new AdminLogin(" ", ADMIN_PW), new AzureSqlUserSpec("db", "u", List.of(),
                password("pw"))), DbUserReason.InvalidSpec, m -> assertThat(m).contains(AdminLogin.USER_FIELD));
    }

    @Test
    void closedPortIsUnreachable() throws Exception {
        int closed = Logins.closedPort();
        AzureSqlUsers users = new AzureSqlUsers(new AzureSqlConnector(Logins.SHORT));
        long start = System.nanoTime();
        assertFails(() -> users.apply(ServerEndpoint.of("127.0.0.1", closed), ADMIN,
                new AzureSqlUserSpec("appdb", "app", List.of(), password("User-Pw-1"))),
                DbUserReason.ServerUnreachable, m -> assertThat(m).contains("Azure SQL", "127.0.0.1:" + closed, "sqladmin")
                        .doesNotContain("Admin-Pw-77", "User-Pw-1"));
        assertThat((System.nanoTime() - start) / 1_000_000_000.0).isLessThan(15.0);
    }

    @Test
    void serverThatNeverAnswersTimesOutWithinTheBound() throws Exception {
        List<Socket> accepted = new ArrayList<>();
        try (ServerSocket silent = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        accepted.add(silent.accept()); // accept, then say nothing
                    }
                } catch (java.io.IOException closed) {
                    // the test is over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            AzureSqlUsers users = new AzureSqlUsers(new AzureSqlConnector(Logins.SHORT));
            long start = System.nanoTime();
            assertFails(() -> users.drop(ServerEndpoint.of("127.0.0.1", silent.getLocalPort()), ADMIN, "appdb", "app"),
                    DbUserReason.Timeout, m -> assertThat(m).contains("127.0.0.1:" + silent.getLocalPort()));
            assertThat((System.nanoTime() - start) / 1_000_000_000.0).isLessThan(20.0);
        } finally {
            for (Socket s : accepted) {
                s.close();
            }
        }
    }
}
