package dev.aso.testsupport.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The PostgreSQL test server: TLS with a certificate the test CA vouches for, plain TCP refused. */
class PostgresServerTest {

  static PostgresServer server;

  @BeforeAll
  static void start() {
    server = PostgresServer.start();
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  private Properties props(String sslmode) {
    Properties p = new Properties();
    p.setProperty("user", server.adminUser());
    p.setProperty("password", server.adminPassword());
    p.setProperty("sslmode", sslmode);
    p.setProperty("sslrootcert", server.caFile().toString());
    p.setProperty("connectTimeout", "10");
    return p;
  }

  @Test
  void adminConnectsOverVerifiedTls() throws SQLException {
    try (Connection c = DriverManager.getConnection(server.jdbcUrl("postgres"), props("verify-full"));
        ResultSet rs = c.createStatement().executeQuery(
            "SELECT ssl, current_user FROM pg_stat_ssl WHERE pid = pg_backend_pid()")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getBoolean(1)).isTrue();
      assertThat(rs.getString(2)).isEqualTo(LocalDbServer.ADMIN_USER);
    }
  }

  @Test
  void plainTcpIsRefused() {
    assertThatThrownBy(() -> DriverManager.getConnection(server.jdbcUrl("postgres"), props("disable")).close())
        .isInstanceOf(SQLException.class).hasMessageContaining("no encryption");
  }

  @Test
  void wrongPasswordIsRefused() {
    Properties p = props("verify-full");
    p.setProperty("password", "not-the-password");
    assertThatThrownBy(() -> DriverManager.getConnection(server.jdbcUrl("postgres"), p).close())
        .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("28P01"));
  }
}
