package dev.aso.testsupport.db;

import dev.aso.testsupport.ManagedProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A real MariaDB server for tests (it speaks MySQL's protocol; Debian's {@code mariadb-server}).
 * TLS is required ({@code require_secure_transport}); it listens on one loopback address only, and its Unix
 * socket lives in its own directory. The admin login {@value LocalDbServer#ADMIN_USER}{@code @'%'}
 * has all privileges with grant option, created by an init file at start.
 */
public final class MariaDbServer extends LocalDbServer {

  public static final ServerBinaries BINARIES = new ServerBinaries("MariaDB", "aso.mariadb.bin",
      "ASO_MARIADB_BIN", List.of("mariadbd"), List.of(Path.of("/usr/sbin")),
      "Install it with `apt-get install -y mariadb-server` (./hack/test.sh does), or pass"
          + " -Daso.mariadb.bin=<dir with mariadbd>.");
  private static final ServerBinaries INSTALL_DB = new ServerBinaries("MariaDB", "aso.mariadb.installDbBin",
      "ASO_MARIADB_INSTALL_DB_BIN", List.of("mariadb-install-db"), List.of(Path.of("/usr/bin")),
      BINARIES.installHint());
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
  private static final boolean ROOT = "root".equals(System.getProperty("user.name"));

  private MariaDbServer(Layout layout, ManagedProcess process) {
    super(layout, process);
  }

  /** Creates the system tables in a fresh directory and starts the server; throws with the log when it cannot. */
  public static MariaDbServer start() {
    return start(HOST, 0);
  }

  /** As {@link #start()}, listening on {@code host} (a loopback address) and {@code port} (0: a free one). */
  public static MariaDbServer start(String host, int port) {
    Path bin = BINARIES.locate();
    Path installDb = INSTALL_DB.locate().resolve("mariadb-install-db");
    Layout layout = layout("mariadb", host, port);
    Path data = layout.baseDir().resolve("data");
    Path initFile = layout.baseDir().resolve("init.sql");
    List<String> asUser = ROOT ? List.of("--user=root") : List.of();
    List<String> install = new ArrayList<>(List.of(installDb.toString(), "--no-defaults",
        "--datadir=" + data, "--auth-root-authentication-method=socket", "--skip-test-db"));
    install.addAll(asUser);
    ServerAccount.run(install);
    try {
      // the password is random letters, digits and -_. so it needs no escaping here
      Files.writeString(initFile, String.join("\n",
          "CREATE USER IF NOT EXISTS '" + ADMIN_USER + "'@'%' IDENTIFIED BY '" + layout.adminPassword() + "';",
          "GRANT ALL PRIVILEGES ON *.* TO '" + ADMIN_USER + "'@'%' WITH GRANT OPTION;", ""));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + initFile, e);
    }
    List<String> command = new ArrayList<>(List.of(bin.resolve("mariadbd").toString(), "--no-defaults",
        "--datadir=" + data, "--bind-address=" + host, "--port=" + layout.port(),
        "--socket=" + layout.baseDir().resolve("mysqld.sock"),
        "--pid-file=" + layout.baseDir().resolve("mysqld.pid"),
        "--init-file=" + initFile, "--skip-name-resolve",
        "--ssl-ca=" + layout.tls().caFile(), "--ssl-cert=" + layout.tls().certificateFile(),
        "--ssl-key=" + layout.tls().keyFile(), "--require-secure-transport=ON",
        "--innodb-buffer-pool-size=16M", "--innodb-flush-log-at-trx-commit=0", "--max-connections=30"));
    command.addAll(asUser);
    ManagedProcess process = ManagedProcess.start("mariadbd", command, layout.logFile());
    process.awaitLogLine(Pattern.compile("mariadbd: ready for connections"), START_TIMEOUT);
    return new MariaDbServer(layout, process);
  }

  /** {@code jdbc:mariadb://<host>:<port>/<database>}; TLS settings go in the connection properties. */
  @Override
  public String jdbcUrl(String database) {
    return "jdbc:mariadb://" + host() + ":" + port() + "/" + database;
  }

  @Override
  protected java.util.Map<String, String> tlsProperties() {
    return java.util.Map.of("sslMode", "verify-full", "serverSslCert", caFile().toString(),
        "connectTimeout", "10000");
  }
}
