package dev.aso.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aso.e2e.stack.E2eStack;
import dev.aso.e2e.stack.LocalDatabases;
import dev.aso.e2e.support.Azure;
import dev.aso.e2e.support.EndToEnd;
import dev.aso.e2e.support.Wait;
import dev.aso.testsupport.db.LocalDbServer;
import dev.aso.testsupport.db.MariaDbServer;
import dev.aso.testsupport.db.PostgresServer;
import dev.aso.testsupport.deployables.ControllerProcess;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Database users as a user meets them: a PostgreSQL and a MySQL FlexibleServer managed by the
 * operator in the emulator (their admin passwords in Secrets), which report the host where real
 * PostgreSQL and MariaDB servers listen on the engines' standard ports; Users applied with kubectl
 * are created there, logged in with as themselves over verified TLS, follow a new password Secret
 * (at their next resync: the annotation {@code sync-period: 3s}) and a new role or privilege, and are
 * dropped on delete. Bad input gives a Ready=False reason naming the field or the server, never a
 * password.
 */
@EndToEnd
class DatabaseUsersEndToEndTest {

  static final Duration WAIT = Duration.ofSeconds(60);
  static final String SYNC = "serviceoperator.azure.com/sync-period: 3s";
  static String ns;
  static ControllerProcess controller;
  static PostgresServer postgres;
  static MariaDbServer mariaDb;
  static final List<String> passwords = new ArrayList<>();

  @BeforeAll
  static void serversReady(E2eStack stack) throws SQLException {
    LocalDatabases databases = stack.databases();
    postgres = databases.postgres();
    mariaDb = databases.mariaDb();
    try (Connection c = postgres.connect(postgres.adminUser(), postgres.adminPassword(), "postgres");
        Statement st = c.createStatement()) {
      st.execute("CREATE ROLE app_reader NOLOGIN");
      st.execute("CREATE ROLE app_writer NOLOGIN");
    }
    try (Connection c = mariaDb.connect(mariaDb.adminUser(), mariaDb.adminPassword(), "mysql");
        Statement st = c.createStatement()) {
      st.execute("CREATE DATABASE shop");
    }
    ns = stack.newNamespace("dbusers");
    controller = stack.startController("dbusers", List.of(ns),
        Map.of("AZURE_ADDITIONAL_CA_CERTIFICATES", databases.caBundle().toString()));
    secret(stack, "pg-admin", postgres.adminPassword());
    secret(stack, "maria-admin", mariaDb.adminPassword());
    stack.kubectlWithInput("""
        apiVersion: resources.azure.com/v1api20200601
        kind: ResourceGroup
        metadata: {name: rg}
        spec: {azureName: %s-rg, location: westus}
        ---
        apiVersion: dbforpostgresql.azure.com/v1api20221201
        kind: FlexibleServer
        metadata: {name: pg-server}
        spec:
          location: westus
          owner: {name: rg}
          version: "14"
          administratorLogin: %s
          administratorLoginPassword: {name: pg-admin, key: password}
        ---
        apiVersion: dbformysql.azure.com/v1api20231230
        kind: FlexibleServer
        metadata: {name: mysql}
        spec:
          location: westus
          owner: {name: rg}
          administratorLogin: %s
          administratorLoginPassword: {name: maria-admin, key: password}
        """.formatted(ns, postgres.adminUser(), mariaDb.adminUser()), "apply", "-n", ns, "-f", "-")
        .assertSuccess();
    Azure.awaitReady(stack, controller, ns, "resourcegroups.resources.azure.com/rg",
        "flexibleservers.dbforpostgresql.azure.com/pg-server", "flexibleservers.dbformysql.azure.com/mysql");
  }

  /** The users first (their drops need the servers' Secrets), then the rest with the namespace. */
  @AfterAll
  static void stop(E2eStack stack) {
    if (ns != null) {
      stack.kubectl("delete", "-n", ns, "users.dbforpostgresql.azure.com,users.dbformysql.azure.com",
          "--all", "--timeout=60s");
      stack.kubectl("delete", "-n", ns, "resourcegroups.resources.azure.com", "--all", "--timeout=120s");
      stack.deleteNamespace(ns);
    }
    if (controller != null) {
      controller.close();
    }
  }

  @Test
  void theFlexibleServersReportTheHostTheRealServersListenOn(E2eStack stack) {
    for (String server : List.of("flexibleservers.dbforpostgresql.azure.com/pg-server",
        "flexibleservers.dbformysql.azure.com/mysql")) {
      assertThat(stack.kubectl("get", "-n", ns, server, "-o", "jsonpath={.status.fullyQualifiedDomainName}")
          .assertSuccess().stdout()).as(server).isEqualTo(postgres.host());
    }
    assertThat(postgres.port()).isEqualTo(LocalDatabases.POSTGRES_PORT);
    assertThat(mariaDb.port()).isEqualTo(LocalDatabases.MYSQL_PORT);
  }

  @Test
  void aPostgresUserIsCreatedUpdatedAndDropped(E2eStack stack) throws SQLException {
    String first = LocalDbServer.randomPassword();
    secret(stack, "app-pw", first);
    apply(stack, """
        apiVersion: dbforpostgresql.azure.com/v1
        kind: User
        metadata: {name: app-user, annotations: {%s}}
        spec:
          owner: {name: pg-server}
          azureName: app_user
          roles: [app_reader]
          roleOptions: {login: true, createDb: true}
          localUser:
            serverAdminUsername: %s
            serverAdminPassword: {name: pg-admin, key: password}
            password: {name: app-pw, key: password}
        """.formatted(SYNC, postgres.adminUser()));
    Azure.awaitReady(stack, controller, ns, "users.dbforpostgresql.azure.com/app-user");
    try (Connection c = postgres.connect("app_user", first, "postgres"); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT current_user, pg_has_role('app_reader', 'MEMBER'),"
            + " pg_has_role('app_writer', 'MEMBER'), (SELECT rolcreatedb FROM pg_roles WHERE rolname = current_user),"
            + " (SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid())")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).isEqualTo("app_user");
      assertThat(rs.getBoolean(2)).as("member of app_reader").isTrue();
      assertThat(rs.getBoolean(3)).as("member of app_writer").isFalse();
      assertThat(rs.getBoolean(4)).as("CREATEDB").isTrue();
      assertThat(rs.getBoolean(5)).as("logged in over TLS").isTrue();
    }

    String second = LocalDbServer.randomPassword();
    long t0 = System.nanoTime();
    secret(stack, "app-pw", second);
    Wait.until("app_user logs in with the password now in its Secret", WAIT, true,
        () -> postgres.acceptsLogin("app_user", second, "postgres"));
    System.err.printf("[aso] the changed password Secret applied to PostgreSQL in %.1f s%n", (System.nanoTime() - t0) / 1e9);
    assertThat(postgres.acceptsLogin("app_user", first, "postgres")).as("the old password").isFalse();

    stack.kubectl("patch", "-n", ns, "users.dbforpostgresql.azure.com/app-user", "--type=merge",
        "-p", "{\"spec\":{\"roles\":[\"app_writer\"]}}").assertSuccess();
    Wait.until("app_user's roles", WAIT, List.of("app_writer"), () -> pgRoles("app_user"));

    stack.kubectl("delete", "-n", ns, "users.dbforpostgresql.azure.com/app-user", "--timeout=60s").assertSuccess();
    assertThat(postgres.adminQuery("postgres", "SELECT rolname FROM pg_roles WHERE rolname = ?", "app_user"))
        .as("dropped on delete").isEmpty();
    noPasswordShown(stack);
  }

  @Test
  void aMySqlUserIsCreatedUpdatedAndDropped(E2eStack stack) throws SQLException {
    String first = LocalDbServer.randomPassword();
    secret(stack, "shop-pw", first);
    apply(stack, """
        apiVersion: dbformysql.azure.com/v1
        kind: User
        metadata: {name: shop-user, annotations: {%s}}
        spec:
          owner: {name: mysql}
          azureName: shop_user
          privileges: [PROCESS]
          databasePrivileges: {shop: [SELECT]}
          localUser:
            serverAdminUsername: %s
            serverAdminPassword: {name: maria-admin, key: password}
            password: {name: shop-pw, key: password}
        """.formatted(SYNC, mariaDb.adminUser()));
    Azure.awaitReady(stack, controller, ns, "users.dbformysql.azure.com/shop-user");
    assertThat(ownGrants(first)).as("SHOW GRANTS as shop_user")
        .anyMatch(g -> g.startsWith("GRANT PROCESS ON *.* TO `shop_user`@`%`"))
        .anyMatch(g -> g.equals("GRANT SELECT ON `shop`.* TO `shop_user`@`%`"));

    String second = LocalDbServer.randomPassword();
    long t0 = System.nanoTime();
    secret(stack, "shop-pw", second);
    Wait.until("shop_user logs in with the password now in its Secret", WAIT, true,
        () -> mariaDb.acceptsLogin("shop_user", second, "shop"));
    System.err.printf("[aso] the changed password Secret applied to MariaDB in %.1f s%n", (System.nanoTime() - t0) / 1e9);
    assertThat(mariaDb.acceptsLogin("shop_user", first, "shop")).as("the old password").isFalse();

    stack.kubectl("patch", "-n", ns, "users.dbformysql.azure.com/shop-user", "--type=merge",
        "-p", "{\"spec\":{\"databasePrivileges\":{\"shop\":[\"SELECT\",\"INSERT\"]}}}").assertSuccess();
    Wait.until("shop_user's privileges on shop", WAIT, true, () -> ownGrants(second).contains(
        "GRANT SELECT, INSERT ON `shop`.* TO `shop_user`@`%`"));

    stack.kubectl("delete", "-n", ns, "users.dbformysql.azure.com/shop-user", "--timeout=60s").assertSuccess();
    assertThat(mariaDb.adminQuery("mysql", "SELECT User FROM mysql.user WHERE User = ?", "shop_user"))
        .as("dropped on delete").isEmpty();
    noPasswordShown(stack);
  }

  @Test
  void badInputGivesAReasonNamingTheFieldOrServer(E2eStack stack) {
    String wrongAdmin = LocalDbServer.randomPassword();
    secret(stack, "wrong-admin", wrongAdmin);
    secret(stack, "bad-pw", LocalDbServer.randomPassword());
    secret(stack, "empty-pw", "");
    // the refused one detaches on delete: its drop could not log in either
    apply(stack, pgUser("no-secret", "no_secret", "[]", "pg-admin", "missing-pw")
        + "---\n" + pgUser("empty", "empty_pw", "[]", "pg-admin", "empty-pw")
        + "---\n" + pgUser("no-role", "no_role", "[no_such_role]", "pg-admin", "bad-pw")
        + "---\n" + pgUser("refused", "refused_user", "[]", "wrong-admin", "bad-pw").replace("metadata: {name: refused}",
            "metadata: {name: refused, annotations: {serviceoperator.azure.com/reconcile-policy: detach-on-delete}}")
        + """
        ---
        apiVersion: dbformysql.azure.com/v1
        kind: User
        metadata: {name: entra-user}
        spec:
          owner: {name: mysql}
          azureName: someone@example.com
          aadUser: {serverAdminUsername: entra-admin}
        """);
    assertThat(awaitReason(stack, "users.dbforpostgresql.azure.com/no-secret", "False PasswordSecretMissing"))
        .contains(".spec.localUser.password", "missing-pw");
    assertThat(awaitReason(stack, "users.dbforpostgresql.azure.com/empty", "False PasswordSecretEmpty"))
        .contains(".spec.localUser.password", "empty-pw");
    assertThat(awaitReason(stack, "users.dbforpostgresql.azure.com/no-role", "False RoleNotFound"))
        .contains(".spec.roles[0]", "no_such_role");
    assertThat(awaitReason(stack, "users.dbforpostgresql.azure.com/refused", "False AdminLoginRefused"))
        .contains(postgres.host() + ":5432", postgres.adminUser());
    assertThat(awaitReason(stack, "users.dbformysql.azure.com/entra-user", "False EntraUserNotSupported"))
        .contains(".spec.aadUser", ".spec.localUser");
    noPasswordShown(stack);
    assertThat(controller.log()).as("the controller's log").doesNotContain(wrongAdmin, postgres.adminPassword(),
        mariaDb.adminPassword());
  }

  /**
   * A server that stops answering (SIGSTOP: its port stays open) holds no reconcile: the User shows
   * {@code Timeout} naming the server within the controller's 15 s login bound, and is created once
   * the server answers again.
   */
  @Test
  void aHungServerIsATimeoutNamingIt(E2eStack stack) {
    secret(stack, "late-pw", LocalDbServer.randomPassword());
    postgres.suspend();
    long t0 = System.nanoTime();
    try {
      apply(stack, pgUser("late", "late_user", "[]", "pg-admin", "late-pw"));
      assertThat(awaitReason(stack, "users.dbforpostgresql.azure.com/late", "False Timeout"))
          .contains(postgres.host() + ":5432");
      System.err.printf("[aso] Timeout shown %.1f s after the apply%n", (System.nanoTime() - t0) / 1e9);
    } finally {
      postgres.resume();
    }
    Azure.awaitReady(stack, controller, ns, "users.dbforpostgresql.azure.com/late");
  }

  static String pgUser(String name, String azureName, String roles, String adminSecret, String passwordSecret) {
    return """
        apiVersion: dbforpostgresql.azure.com/v1
        kind: User
        metadata: {name: %s}
        spec:
          owner: {name: pg-server}
          azureName: %s
          roles: %s
          localUser:
            serverAdminUsername: %s
            serverAdminPassword: {name: %s, key: password}
            password: {name: %s, key: password}
        """.formatted(name, azureName, roles, postgres.adminUser(), adminSecret, passwordSecret);
  }

  static String awaitReason(E2eStack stack, String resource, String statusAndReason) {
    return Azure.awaitReadyCondition(stack, ns, resource, statusAndReason, WAIT).path("message").asText();
  }

  static void apply(E2eStack stack, String manifests) {
    stack.kubectlWithInput(manifests, "apply", "-n", ns, "-f", "-").assertSuccess();
  }

  /** Creates or replaces a Secret {@code name} with the key {@code password}, as kubectl users do. */
  static void secret(E2eStack stack, String name, String password) {
    if (!password.isEmpty()) {
      passwords.add(password);
    }
    String yaml = stack.kubectl("create", "secret", "generic", name, "-n", ns, "--from-literal=password=" + password,
        "--dry-run=client", "-o", "yaml").assertSuccess().stdout();
    stack.kubectlWithInput(yaml, "apply", "-f", "-").assertSuccess();
  }

  static List<String> pgRoles(String user) {
    try {
      return postgres.adminQuery("postgres", "SELECT r.rolname FROM pg_auth_members m JOIN pg_roles r"
          + " ON r.oid = m.roleid JOIN pg_roles u ON u.oid = m.member WHERE u.rolname = ?", user);
    } catch (SQLException e) {
      throw new AssertionError(e);
    }
  }

  /** What {@code shop_user} sees of its own grants. */
  static List<String> ownGrants(String password) {
    try (Connection c = mariaDb.connect("shop_user", password, "shop"); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SHOW GRANTS")) {
      List<String> grants = new ArrayList<>();
      while (rs.next()) {
        grants.add(rs.getString(1));
      }
      return grants;
    } catch (SQLException e) {
      throw new AssertionError(e);
    }
  }

  /** No password of this test in any condition or event of the namespace. */
  static void noPasswordShown(E2eStack stack) {
    String shown = stack.kubectl("get", "-n", ns, "events,users.dbforpostgresql.azure.com,users.dbformysql.azure.com",
        "-o", "yaml").assertSuccess().stdout();
    assertThat(shown).contains("kind: User");
    for (String password : passwords) {
      assertThat(shown).doesNotContain(password);
    }
  }
}
