package dev.aso.testsupport.db;

import dev.aso.testsupport.Pki;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * TLS material of a local database server: a fresh CA and a serving certificate for its host,
 * 127.0.0.1 and localhost, written as PEM files ({@code ca.pem}, {@code server.pem}, {@code server.key} with mode
 * 0600, as PostgreSQL insists) into a directory.
 */
public record ServerTls(Path caFile, Path certificateFile, Path keyFile, String caCertificatePem) {

  public static ServerTls create(Path dir, String product, String host) {
    Pki.CertificateAuthority ca = Pki.CertificateAuthority.create("aso-test " + product + " CA");
    Pki.Credential serving = ca.issueServing(java.util.stream.Stream.of(host, "127.0.0.1", "localhost")
        .distinct().toArray(String[]::new));
    try {
      Files.createDirectories(dir);
      Path caFile = Files.writeString(dir.resolve("ca.pem"), ca.certificatePem());
      Path cert = Files.writeString(dir.resolve("server.pem"), serving.certificatePem());
      Path key = Files.writeString(dir.resolve("server.key"), serving.privateKeyPem());
      Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
      return new ServerTls(caFile, cert, key, ca.certificatePem());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the " + product + " TLS files to " + dir, e);
    }
  }
}
