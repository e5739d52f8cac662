package dev.aso.e2e.stack;

import dev.aso.testsupport.db.MariaDbServer;
import dev.aso.testsupport.db.PostgresServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The real database servers behind the emulator's flexible servers: PostgreSQL on 5432 and MariaDB
 * (MySQL's protocol) on 3306 of a loopback address of their own, the host every emulated database
 * server reports as its {@code fullyQualifiedDomainName}. So the controller connects exactly as to
 * Azure (the FQDN at the engine's standard port) and needs no port setting; only their CAs are
 * added, with the emulator's, through {@code AZURE_ADDITIONAL_CA_CERTIFICATES} ({@link #caBundle()}).
 */
public record LocalDatabases(PostgresServer postgres, MariaDbServer mariaDb, Path caBundle)
    implements AutoCloseable {

  public static final int POSTGRES_PORT = 5432;
  public static final int MYSQL_PORT = 3306;

  /**
   * A random address of 127.0.0.0/8 other than 127.0.0.x, so that the standard ports there are
   * free even when a server on the machine listens on 127.0.0.1 or another test run uses its own.
   */
  static String randomLoopbackHost() {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    return "127." + r.nextInt(1, 255) + "." + r.nextInt(0, 256) + "." + r.nextInt(1, 255);
  }

  /** Starts both servers on {@code host}; {@code emulatorCa} goes into the CA bundle beside theirs. */
  static LocalDatabases start(String host, Path emulatorCa, Path dir) {
    PostgresServer postgres = PostgresServer.start(host, POSTGRES_PORT);
    MariaDbServer mariaDb;
    try {
      mariaDb = MariaDbServer.start(host, MYSQL_PORT);
    } catch (RuntimeException e) {
      postgres.close();
      throw e;
    }
    try {
      Files.createDirectories(dir);
      Path bundle = Files.writeString(dir.resolve("cas.pem"), Files.readString(emulatorCa)
          + postgres.caCertificatePem() + mariaDb.caCertificatePem());
      return new LocalDatabases(postgres, mariaDb, bundle);
    } catch (IOException e) {
      postgres.close();
      mariaDb.close();
      throw new UncheckedIOException("cannot write the CA bundle in " + dir, e);
    }
  }

  @Override
  public void close() {
    try {
      postgres.close();
    } finally {
      mariaDb.close();
    }
  }
}
