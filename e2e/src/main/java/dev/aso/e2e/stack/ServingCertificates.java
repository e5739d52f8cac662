package dev.aso.e2e.stack;

import dev.aso.testsupport.Pki;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.X509Certificate;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The webhook server's TLS material as the kubelet mounts a cert-manager Secret: {@code tls.crt},
 * {@code tls.key}, {@code ca.crt} are symlinks into {@code ..data}, itself a symlink to a
 * timestamped directory that a rotation replaces in one atomic rename.
 */
public final class ServingCertificates {

  private static final String[] NAMES = {"127.0.0.1", "localhost"};

  private final Path dir;
  private final Pki.CertificateAuthority ca;
  private int generation;
  private Pki.Credential current;

  private ServingCertificates(Path dir, Pki.CertificateAuthority ca) {
    this.dir = dir;
    this.ca = ca;
  }

  /** A new CA and a serving certificate for 127.0.0.1 and localhost, written to {@code dir}. */
  public static ServingCertificates create(Path dir) {
    ServingCertificates certs =
        new ServingCertificates(dir, Pki.CertificateAuthority.create("aso-e2e webhook CA"));
    try {
      Files.createDirectories(dir);
      for (String file : new String[] {"tls.crt", "tls.key", "ca.crt"}) {
        Files.createSymbolicLink(dir.resolve(file), Path.of("..data", file));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    certs.rotate();
    return certs;
  }

  public Path dir() {
    return dir;
  }

  /** PEM of the CA: the caBundle of the webhook configurations and conversion webhooks. */
  public String caPem() {
    return ca.certificatePem();
  }

  public X509Certificate caCertificate() {
    return ca.certificate();
  }

  /** Serial number of the certificate the directory holds now. */
  public synchronized BigInteger currentSerial() {
    return current.certificate().getSerialNumber();
  }

  /**
   * Issues a new serving certificate from the same CA (what cert-manager does on renewal) and
   * swaps it in atomically; returns its serial number.
   */
  public synchronized BigInteger rotate() {
    Pki.Credential next = ca.issueServing(NAMES);
    generation++;
    String dataDir = "..gen-" + generation;
    try {
      Path data = Files.createDirectory(dir.resolve(dataDir));
      Files.writeString(data.resolve("tls.crt"), next.certificatePem());
      Files.writeString(data.resolve("tls.key"), next.privateKeyPem());
      Files.writeString(data.resolve("ca.crt"), ca.certificatePem());
      Path tmp = Files.createSymbolicLink(dir.resolve("..data_tmp"), Path.of(dataDir));
      Files.move(tmp, dir.resolve("..data"), StandardCopyOption.ATOMIC_MOVE);
      if (generation > 1) {
        deleteTree(dir.resolve("..gen-" + (generation - 1)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the webhook certificate to " + dir, e);
    }
    current = next;
    return currentSerial();
  }

  private static void deleteTree(Path path) throws IOException {
    try (Stream<Path> files = Files.walk(path)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
