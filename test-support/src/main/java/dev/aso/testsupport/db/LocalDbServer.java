package dev.aso.testsupport.db;

import dev.aso.testsupport.ManagedProcess;
import dev.aso.testsupport.deployables.Ports;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A real database server started by a test: its own data directory under the system temp
 * directory, a free port of 127.0.0.1 (or a given loopback address and port, such as the engine's
 * standard port on an address of its own), TLS required with a certificate from a fresh CA, an admin
 * login with a random password, its output in {@code target/databases/<name>.log}. {@link #close()}
 * stops it and deletes the data directory.
 */
public abstract class LocalDbServer implements AutoCloseable {

  public static final String HOST = "127.0.0.1";
  public static final String ADMIN_USER = "aso_admin";
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String PASSWORD_CHARS =
      "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789-_.";

  /** What a subclass prepares before its server starts. */
  protected record Layout(Path baseDir, ServerTls tls, String host, int port, String adminPassword,
      Path logFile) {}

  private final Layout layout;
  private final ManagedProcess process;

  protected LocalDbServer(Layout layout, ManagedProcess process) {
    this.layout = layout;
    this.process = process;
  }

  /**
   * A fresh base directory, TLS files for {@code host}, the port (0: a free one) and an admin
   * password for {@code product}.
   */
  protected static Layout layout(String product, String host, int port) {
    try {
      Path base = Files.createTempDirectory("aso-" + product + "-");
      Path logDir = Path.of(System.getProperty("aso.databases.logDir", "target/databases"));
      Files.createDirectories(logDir);
      Path log = logDir.resolve(product + "-" + base.getFileName() + ".log").toAbsolutePath();
      return new Layout(base, ServerTls.create(base.resolve("tls"), product, host), host,
          port == 0 ? Ports.free() : port, randomPassword(), log);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare a directory for " + product, e);
    }
  }

  /** A password of 24 characters, letters, digits and {@code -_.}. */
  public static String randomPassword() {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < 24; i++) {
      b.append(PASSWORD_CHARS.charAt(RANDOM.nextInt(PASSWORD_CHARS.length())));
    }
    return b.toString();
  }

  public String host() {
    return layout.host();
  }

  public int port() {
    return layout.port();
  }

  public String adminUser() {
    return ADMIN_USER;
  }

  public String adminPassword() {
    return layout.adminPassword();
  }

  /** The CA certificate the server's certificate chains to (PEM). */
  public String caCertificatePem() {
    return layout.tls().caCertificatePem();
  }

  /** The CA certificate as a PEM file. */
  public Path caFile() {
    return layout.tls().caFile();
  }

  /**
   * A connection to {@code database} as {@code user}, over TLS with the server's certificate and name
   * verified against {@link #caFile()}, within 10 s; the JDBC driver must be on the class path.
   */
  public java.sql.Connection connect(String user, String password, String database)
      throws java.sql.SQLException {
    java.util.Properties p = new java.util.Properties();
    p.setProperty("user", user);
    p.setProperty("password", password);
    tlsProperties().forEach(p::setProperty);
    return java.sql.DriverManager.getConnection(jdbcUrl(database), p);
  }

  /** Whether {@code user} can log in to {@code database} with {@code password} (over verified TLS). */
  public boolean acceptsLogin(String user, String password, String database) {
    try (java.sql.Connection ignored = connect(user, password, database)) {
      return true;
    } catch (java.sql.SQLException e) {
      return false;
    }
  }

  /** The first column of each row of {@code sql} (with {@code params} bound) run as the admin. */
  public java.util.List<String> adminQuery(String database, String sql, String... params)
      throws java.sql.SQLException {
    try (java.sql.Connection c = connect(adminUser(), adminPassword(), database);
        java.sql.PreparedStatement st = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        st.setString(i + 1, params[i]);
      }
      java.util.List<String> out = new java.util.ArrayList<>();
      try (java.sql.ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
      return out;
    }
  }

  /** {@code jdbc:<driver>://<host>:<port>/<database>}. */
  public abstract String jdbcUrl(String database);

  /** The driver's properties for verified TLS and a bounded connect. */
  protected abstract java.util.Map<String, String> tlsProperties();

  public ManagedProcess process() {
    return process;
  }

  /**
   * SIGSTOP to the server and its children (under root the started process is {@code runuser}):
   * the port stays open but nothing answers, as with a hung server.
   */
  public void suspend() {
    signalTree("STOP");
  }

  /** SIGCONT to what {@link #suspend()} stopped. */
  public void resume() {
    signalTree("CONT");
  }

  private void signalTree(String signal) {
    java.util.List<String> children = new java.util.ArrayList<>(java.util.List.of("kill", "-" + signal));
    ProcessHandle.of(process.pid()).ifPresent(h -> h.descendants()
        .forEach(d -> children.add(Long.toString(d.pid()))));
    if (children.size() > 2) {
      // a backend of a connection that just closed may be gone by now: the others still get the signal
      ServerAccount.runTolerating(children, "No such process");
    }
    ServerAccount.run(java.util.List.of("kill", "-" + signal, Long.toString(process.pid())));
  }

  @Override
  public void close() {
    try {
      process.stop(10);
    } finally {
      deleteRecursively(layout.baseDir());
    }
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + " " + host() + ":" + port() + " (log " + layout.logFile() + ")";
  }

  protected static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a leftover temp directory is not worth failing a test for
    }
  }
}
