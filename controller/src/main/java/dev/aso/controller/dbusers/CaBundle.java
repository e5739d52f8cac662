package dev.aso.controller.dbusers;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * One PEM file of the CAs the JVM trusts plus those of {@code AZURE_ADDITIONAL_CA_CERTIFICATES}: the database
 * drivers take a single CA file that replaces the JVM's, so the setting means "besides the JVM's" for database
 * servers too, as it does for ARM and Graph.
 */
final class CaBundle {

    private CaBundle() {
    }

    /** Writes the bundle to a new file (removed when the process exits) and returns it. */
    static Path withJvmCas(Path additional) {
        try {
            List<X509Certificate> all = new ArrayList<>(jvmCas());
            try (InputStream in = Files.newInputStream(additional)) {
                Collection<? extends Certificate> read = CertificateFactory.getInstance("X.509").generateCertificates(in);
                if (read.isEmpty()) {
                    throw new CertificateException("none found");
                }
                read.forEach(c -> all.add((X509Certificate) c));
            }
            StringBuilder pem = new StringBuilder();
            Base64.Encoder base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));
            for (X509Certificate c : all) {
                pem.append("-----BEGIN CERTIFICATE-----\n").append(base64.encodeToString(c.getEncoded()))
                        .append("\n-----END CERTIFICATE-----\n");
            }
            Path file = Files.createTempFile("aso-database-cas-", ".pem",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            file.toFile().deleteOnExit();
            return Files.writeString(file, pem);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the database servers' CA bundle from " + additional, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AZURE_ADDITIONAL_CA_CERTIFICATES: " + additional
                    + " holds no readable PEM certificates: " + e.getMessage(), e);
        }
    }

    private static List<X509Certificate> jvmCas() throws GeneralSecurityException {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init((KeyStore) null);
        List<X509Certificate> out = new ArrayList<>();
        for (var tm : tmf.getTrustManagers()) {
            if (tm instanceof X509TrustManager x) {
                out.addAll(List.of(x.getAcceptedIssuers()));
            }
        }
        return out;
    }
}
