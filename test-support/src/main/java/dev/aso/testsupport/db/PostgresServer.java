package dev.aso.testsupport.db;

import dev.aso.testsupport.ManagedProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A real PostgreSQL server for tests (Debian's package: {@code initdb} and {@code postgres} from
 * {@code /usr/lib/postgresql/<version>/bin}). Only TLS connections from loopback are accepted
 * ({@code hostssl ... scram-sha-256}; plain TCP is rejected; no Unix socket). The admin login
 * {@value LocalDbServer#ADMIN_USER} is the bootstrap superuser. Under root the server runs as the
 * {@code postgres} account, since PostgreSQL refuses root.
 */
public final class PostgresServer extends LocalDbServer {

  public static final ServerBinaries BINARIES = new ServerBinaries("PostgreSQL", "aso.postgres.bin",
      "ASO_POSTGRES_BIN", List.of("initdb", "postgres"),
      ServerBinaries.versionedDirs(Path.of("/usr/lib/postgresql"), "bin"),
      "Install it with `apt-get install -y postgresql` (./hack/test.sh does), or pass"
          + " -Daso.postgres.bin=<dir with initdb and postgres>.");
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

  private PostgresServer(Layout layout, ManagedProcess process) {
    super(layout, process);
  }

  /** Initialises a cluster in a fresh directory and starts it; throws with the log when it cannot. */
  public static PostgresServer start() {
    return start(HOST, 0);
  }

  /** As {@link #start()}, listening on {@code host} (a loopback address) and {@code port} (0: a free one). */
  public static PostgresServer start(String host, int port) {
    Path bin = BINARIES.locate();
    Layout layout = layout("postgresql", host, port);
    Path data = layout.baseDir().resolve("data");
    Path pwFile = layout.baseDir().resolve("admin-password");
    ServerAccount account = ServerAccount.nonRoot("postgres");
    try {
      Files.writeString(pwFile, layout.adminPassword());
      account.own(layout.baseDir());
      ServerAccount.run(account.command(List.of(bin.resolve("initdb").toString(), "-D", data.toString(),
          "-U", ADMIN_USER, "--pwfile=" + pwFile, "--auth=scram-sha-256", "--encoding=UTF8",
          "--locale=C", "--no-sync")));
      Files.delete(pwFile);
      Files.writeString(data.resolve("pg_hba.conf"), String.join("\n",
          "# written by dev.aso.testsupport.db.PostgresServer: TLS from loopback only",
          "hostssl all all 127.0.0.0/8 scram-sha-256",
          "hostnossl all all 127.0.0.0/8 reject", ""));
      Files.writeString(data.resolve("postgresql.conf"), String.join("\n",
          "", "# dev.aso.testsupport.db.PostgresServer",
          "listen_addresses = '" + host + "'",
          "port = " + layout.port(),
          "unix_socket_directories = ''",
          "ssl = on",
          "ssl_cert_file = '" + layout.tls().certificateFile() + "'",
          "ssl_key_file = '" + layout.tls().keyFile() + "'",
          "max_connections = 30",
          "shared_buffers = 16MB",
          "fsync = off",
          "synchronous_commit = off",
          "full_page_writes = off",
          ""), StandardOpenOption.APPEND);
      account.own(layout.baseDir());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare PostgreSQL in " + data, e);
    }
    List<String> command = new ArrayList<>(List.of(bin.resolve("postgres").toString(), "-D", data.toString()));
    ManagedProcess process = ManagedProcess.start("postgres", account.command(command), layout.logFile());
    process.awaitLogLine(Pattern.compile("database system is ready to accept connections"), START_TIMEOUT);
    return new PostgresServer(layout, process);
  }

  /** {@code jdbc:postgresql://<host>:<port>/<database>}; TLS settings go in the connection properties. */
  @Override
  public String jdbcUrl(String database) {
    return "jdbc:postgresql://" + host() + ":" + port() + "/" + database;
  }

  @Override
  protected java.util.Map<String, String> tlsProperties() {
    return java.util.Map.of("sslmode", "verify-full", "sslrootcert", caFile().toString(),
        "connectTimeout", "10");
  }
}
