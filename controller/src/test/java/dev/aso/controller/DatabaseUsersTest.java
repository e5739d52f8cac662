package dev.aso.controller;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aso.controller.dbusers.DatabaseServers;
import dev.aso.controller.dbusers.DbTimeouts;
import dev.aso.testsupport.db.LocalDbServer;
import dev.aso.testsupport.db.MariaDbServer;
import dev.aso.testsupport.db.PostgresServer;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chain FlexibleServer → User through the controller: the flexible servers are managed by the operator in the
 * ARM emulator, which reports {@code 127.0.0.1} as their {@code fullyQualifiedDomainName}; the controller reaches the
 * real PostgreSQL and MariaDB servers started here on that host, at their ports ({@link DatabaseServers}, the only
 * test setting: Azure's servers listen on the engines' standard ports), over TLS verified against their CAs. Each
 * user is created, logged in with as itself, updated (a new password in its Secret, other roles or privileges),
 * dropped on delete, and kept under detach-on-delete. No password shows in a condition or an event.
 */
class DatabaseUsersTest {

    static final Duration WAIT = Duration.ofSeconds(60);
    static final String NS = "dbusers";

    static PostgresServer postgres;
    static MariaDbServer mariadb;
    static Harness h;
    static final List<String> passwords = new ArrayList<>();

    @BeforeAll
    static void start(@TempDir Path dir) throws Exception {
        postgres = PostgresServer.start();
        mariadb = MariaDbServer.start();
        try (Connection c = postgres.connect(postgres.adminUser(), postgres.adminPassword(), "postgres");
             Statement st = c.createStatement()) {
            st.execute("CREATE ROLE app_reader NOLOGIN");
            st.execute("CREATE ROLE app_writer NOLOGIN");
        }
        try (Connection c = mariadb.connect(mariadb.adminUser(), mariadb.adminPassword(), "mysql");
             Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE shop");
        }
        Path cas = dir.resolve("database-cas.pem");
        Files.writeString(cas, postgres.caCertificatePem() + "\n" + mariadb.caCertificatePem());
        h = new Harness(LocalDbServer.HOST);
        h.databases = new DatabaseServers(postgres.port(), mariadb.port(), 1433, cas,
                new DbTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(10)));
        // a short resync, so that a changed password Secret (which changes no spec) is applied within the test
        h.startController(Map.of("AZURE_SYNC_PERIOD", "3s"));
        h.namespace(NS, Map.of());
        secret("pg-admin", postgres.adminPassword());
        secret("maria-admin", mariadb.adminPassword());
        h.applyResourceGroup(NS, "rg-db", "");
    }

    @AfterAll
    static void stop() {
        if (h != null) {
            h.close();
        }
        if (postgres != null) {
            postgres.close();
        }
        if (mariadb != null) {
            mariadb.close();
        }
    }

    static void secret(String name, String password) {
        passwords.add(password);
        h.kube.secrets().inNamespace(NS).resource(new SecretBuilder().withNewMetadata().withName(name).endMetadata()
                .withStringData(Map.of("password", password)).build()).createOr(op -> op.update());
    }

    @Test
    void postgresUserFollowsItsSpecAndSecret() throws SQLException {
        String first = LocalDbServer.randomPassword();
        secret("app-pw", first);
        h.apply(pgUser("app-user", "app_user", "", "[app_reader]", "app-pw"));
        h.await("dbforpostgresql.azure.com", "User", NS, "app-user", WAIT, Harness.readyIs("False", "WaitingForOwner"));

        h.apply("""
                apiVersion: dbforpostgresql.azure.com/v1api20221201
                kind: FlexibleServer
                metadata: {name: pg-server, namespace: dbusers}
                spec: {location: westus, owner: {name: rg-db}, version: "16"}
                """);
        JsonNode server = h.await("dbforpostgresql.azure.com", "FlexibleServer", NS, "pg-server", WAIT, Harness.readyNow());
        assertThat(server.path("status").path("fullyQualifiedDomainName").asText()).isEqualTo(LocalDbServer.HOST);
        JsonNode user = h.await("dbforpostgresql.azure.com", "User", NS, "app-user", WAIT, Harness.readyNow());
        assertThat(user.path("metadata").path("ownerReferences").get(0).path("name").asText()).isEqualTo("pg-server");
        assertThat(loginAsPostgres("app_user", first)).isEqualTo("app_user");
        assertThat(pgRoles("app_user")).containsExactly("app_reader");

        String second = LocalDbServer.randomPassword();
        secret("app-pw", second);
        Harness.eventually(WAIT, "app_user logs in with the new password", () -> loginsAsPostgres("app_user", second));
        assertThat(loginsAsPostgres("app_user", first)).as("the old password no longer works").isFalse();

        replaceInSpec("dbforpostgresql.azure.com", "app-user", "/spec/roles", "[\"app_writer\"]");
        h.await("dbforpostgresql.azure.com", "User", NS, "app-user", WAIT, Harness.readyNow());
        assertThat(pgRoles("app_user")).containsExactly("app_writer");

        h.delete("dbforpostgresql.azure.com", "User", NS, "app-user");
        h.awaitGone("dbforpostgresql.azure.com", "User", NS, "app-user", WAIT);
        assertThat(pgRoleExists("app_user")).as("dropped on delete").isFalse();

        // detach-on-delete: the role stays on the server
        secret("kept-pw", LocalDbServer.randomPassword());
        h.apply(pgUser("kept-user", "kept_user", "serviceoperator.azure.com/reconcile-policy: detach-on-delete", "[]",
                "kept-pw"));
        h.await("dbforpostgresql.azure.com", "User", NS, "kept-user", WAIT, Harness.readyNow());
        h.delete("dbforpostgresql.azure.com", "User", NS, "kept-user");
        h.awaitGone("dbforpostgresql.azure.com", "User", NS, "kept-user", WAIT);
        assertThat(pgRoleExists("kept_user")).as("kept under detach-on-delete").isTrue();

        // a role that does not exist, then a missing password Secret: clear reasons naming the field
        h.apply(pgUser("bad-user", "bad_user", "", "[no_such_role]", "missing-pw"));
        JsonNode bad = h.await("dbforpostgresql.azure.com", "User", NS, "bad-user", WAIT,
                Harness.readyIs("False", "PasswordSecretMissing"));
        assertThat(Harness.ready(bad).path("message").asText()).contains(".spec.localUser.password", "missing-pw");
        secret("missing-pw", LocalDbServer.randomPassword());
        bad = h.await("dbforpostgresql.azure.com", "User", NS, "bad-user", WAIT, Harness.readyIs("False", "RoleNotFound"));
        assertThat(Harness.ready(bad).path("message").asText()).contains(".spec.roles[0]", "no_such_role");
        assertThat(pgRoleExists("bad_user")).isFalse();
        noPasswordShown();
    }

    @Test
    void mySqlUserFollowsItsSpecAndSecret() throws SQLException {
        String first = LocalDbServer.randomPassword();
        secret("shop-pw", first);
        h.apply("""
                apiVersion: dbformysql.azure.com/v1api20231230
                kind: FlexibleServer
                metadata: {name: maria, namespace: dbusers}
                spec: {location: westus, owner: {name: rg-db}}
                """);
        h.apply(mySqlUser("shop-user", "shop_user", "", "[SELECT]", "shop-pw"));
        h.await("dbformysql.azure.com", "User", NS, "shop-user", WAIT, Harness.readyNow());
        assertThat(mySqlGrants("shop_user", "shop")).containsExactly("SELECT");
        loginAsMySql("shop_user", first).close();

        String second = LocalDbServer.randomPassword();
        secret("shop-pw", second);
        Harness.eventually(WAIT, "shop_user logs in with the new password", () -> loginsAsMySql("shop_user", second));
        assertThat(loginsAsMySql("shop_user", first)).as("the old password no longer works").isFalse();

        replaceInSpec("dbformysql.azure.com", "shop-user", "/spec/databasePrivileges/shop", "[\"SELECT\",\"INSERT\"]");
        h.await("dbformysql.azure.com", "User", NS, "shop-user", WAIT, Harness.readyNow());
        assertThat(mySqlGrants("shop_user", "shop")).containsExactlyInAnyOrder("SELECT", "INSERT");
        try (Connection c = loginAsMySql("shop_user", second); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SHOW GRANTS")) {
            List<String> grants = new ArrayList<>();
            while (rs.next()) {
                grants.add(rs.getString(1));
            }
            assertThat(grants).as("what the user itself sees").anyMatch(g -> g.contains("ON `shop`.*")
                    && g.contains("SELECT") && g.contains("INSERT"));
        }

        h.delete("dbformysql.azure.com", "User", NS, "shop-user");
        h.awaitGone("dbformysql.azure.com", "User", NS, "shop-user", WAIT);
        assertThat(mySqlUserExists("shop_user")).as("dropped on delete").isFalse();

        secret("kept-shop-pw", LocalDbServer.randomPassword());
        h.apply(mySqlUser("kept-shop", "kept_shop", "serviceoperator.azure.com/reconcile-policy: detach-on-delete", "[]",
                "kept-shop-pw"));
        h.await("dbformysql.azure.com", "User", NS, "kept-shop", WAIT, Harness.readyNow());
        h.delete("dbformysql.azure.com", "User", NS, "kept-shop");
        h.awaitGone("dbformysql.azure.com", "User", NS, "kept-shop", WAIT);
        assertThat(mySqlUserExists("kept_shop")).as("kept under detach-on-delete").isTrue();
        noPasswordShown();
    }

    /**
     * Replaces one value of a User's spec with a JSON patch (the mock API server merges arrays in a JSON merge patch,
     * where kube-apiserver replaces them).
     */
    static void replaceInSpec(String group, String name, String path, String json) {
        h.kube.genericKubernetesResources(h.context(group + "/v1storage", "User")).inNamespace(NS).withName(name)
                .patch(PatchContext.of(PatchType.JSON), "[{\"op\":\"replace\",\"path\":\"" + path + "\",\"value\":"
                        + json + "}]");
    }

    static String pgUser(String name, String azureName, String annotations, String roles, String passwordSecret) {
        return """
                apiVersion: dbforpostgresql.azure.com/v1
                kind: User
                metadata: {name: %s, namespace: dbusers, annotations: {%s}}
                spec:
                  owner: {name: pg-server}
                  azureName: %s
                  roles: %s
                  localUser:
                    serverAdminUsername: %s
                    serverAdminPassword: {name: pg-admin, key: password}
                    password: {name: %s, key: password}
                """.formatted(name, annotations, azureName, roles, postgres.adminUser(), passwordSecret);
    }

    static String mySqlUser(String name, String azureName, String annotations, String shopPrivileges,
                            String passwordSecret) {
        return """
                apiVersion: dbformysql.azure.com/v1
                kind: User
                metadata: {name: %s, namespace: dbusers, annotations: {%s}}
                spec:
                  owner: {name: maria}
                  azureName: %s
                  databasePrivileges: {shop: %s}
                  localUser:
                    serverAdminUsername: %s
                    serverAdminPassword: {name: maria-admin, key: password}
                    password: {name: %s, key: password}
                """.formatted(name, annotations, azureName, shopPrivileges, mariadb.adminUser(), passwordSecret);
    }

    /** No password of this test in any condition or event of the namespace. */
    static void noPasswordShown() {
        List<String> shown = new ArrayList<>();
        for (Event e : h.kube.v1().events().inNamespace(NS).list().getItems()) {
            shown.add(e.getReason() + " " + e.getMessage());
        }
        for (String kind : List.of("dbforpostgresql.azure.com", "dbformysql.azure.com")) {
            h.kube.genericKubernetesResources(h.context(kind + "/v1storage", "User")).inNamespace(NS).list().getItems()
                    .forEach(u -> shown.add(String.valueOf(u.getAdditionalProperties().get("status"))));
        }
        assertThat(shown).isNotEmpty();
        for (String password : passwords) {
            assertThat(shown).noneMatch(s -> s.contains(password));
        }
    }

    static String loginAsPostgres(String user, String password) throws SQLException {
        try (Connection c = postgres.connect(user, password, "postgres"); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT current_user, ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getBoolean(2)).as("logged in over TLS").isTrue();
            return rs.getString(1);
        }
    }

    static boolean loginsAsPostgres(String user, String password) {
        return postgres.acceptsLogin(user, password, "postgres");
    }

    static List<String> pgRoles(String user) throws SQLException {
        return postgres.adminQuery("postgres", "SELECT r.rolname FROM pg_auth_members m JOIN pg_roles r ON r.oid = m.roleid"
                + " JOIN pg_roles u ON u.oid = m.member WHERE u.rolname = ?", user);
    }

    static boolean pgRoleExists(String user) throws SQLException {
        return !postgres.adminQuery("postgres", "SELECT rolname FROM pg_roles WHERE rolname = ?", user).isEmpty();
    }

    static Connection loginAsMySql(String user, String password) throws SQLException {
        return mariadb.connect(user, password, "shop");
    }

    static boolean loginsAsMySql(String user, String password) {
        return mariadb.acceptsLogin(user, password, "shop");
    }

    static List<String> mySqlGrants(String user, String database) throws SQLException {
        return mariadb.adminQuery("mysql", "SELECT PRIVILEGE_TYPE FROM INFORMATION_SCHEMA.SCHEMA_PRIVILEGES"
                + " WHERE GRANTEE = ? AND TABLE_SCHEMA = '" + database + "'", "'" + user + "'@'%'");
    }

    static boolean mySqlUserExists(String user) throws SQLException {
        return !mariadb.adminQuery("mysql", "SELECT User FROM mysql.user WHERE User = ?", user).isEmpty();
    }
}
