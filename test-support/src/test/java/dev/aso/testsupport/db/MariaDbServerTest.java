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

/** The MariaDB test server: TLS with a certificate the test CA vouches for, plain TCP refused. */
class MariaDbServerTest {

  static MariaDbServer server;

  @BeforeAll
  static void start() {
    server = MariaDbServer.start();
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  private Properties props(String sslMode) {
    Properties p = new Properties();
    p.setProperty("user", server.adminUser());
    p.setProperty("password", server.adminPassword());
    p.setProperty("sslMode", sslMode);
    p.setProperty("serverSslCert", server.caFile().toString());
    p.setProperty("connectTimeout", "10000");
    return p;
  }

  @Test
  void adminConnectsOverVerifiedTls() throws SQLException {
    try (Connection c = DriverManager.getConnection(server.jdbcUrl("mysql"), props("verify-full"));
        ResultSet rs = c.createStatement().executeQuery("SHOW SESSION STATUS LIKE 'Ssl_version'")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(2)).startsWith("TLSv1.");
    }
  }

  @Test
  void plainTcpIsRefused() {
    // MariaDB 10.11 answers an insecure login under require_secure_transport with "Access denied"
    assertThatThrownBy(() -> DriverManager.getConnection(server.jdbcUrl("mysql"), props("disable")).close())
        .isInstanceOf(SQLException.class).hasMessageContaining("Access denied");
  }
}
