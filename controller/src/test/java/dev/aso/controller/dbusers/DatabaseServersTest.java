package dev.aso.controller.dbusers;

import dev.aso.testsupport.Pki;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The controller's database servers: Azure's ports, and AZURE_ADDITIONAL_CA_CERTIFICATES besides the JVM's CAs. */
class DatabaseServersTest {

    @Test
    void withoutAdditionalCasTheJvmsAreUsed() {
        assertThat(DatabaseServers.azure(null)).isSameAs(DatabaseServers.AZURE);
        assertThat(DatabaseServers.AZURE.postgres("db.example.com").toString()).isEqualTo("db.example.com:5432");
        assertThat(DatabaseServers.AZURE.mySql("db.example.com").port()).isEqualTo(3306);
        assertThat(DatabaseServers.AZURE.postgres("db.example.com").caFile()).isNull();
    }

    @Test
    void additionalCasAreTrustedBesidesTheJvms(@TempDir Path dir) throws Exception {
        Pki.CertificateAuthority first = Pki.CertificateAuthority.create("first test CA");
        Pki.CertificateAuthority second = Pki.CertificateAuthority.create("second test CA");
        Path extra = Files.writeString(dir.resolve("extra.pem"), first.certificatePem() + second.certificatePem());

        DatabaseServers servers = DatabaseServers.azure(extra);
        assertThat(servers.postgresPort()).isEqualTo(5432);
        assertThat(servers.mySqlPort()).isEqualTo(3306);
        Path bundle = servers.mySql("db.example.com").caFile();
        List<Certificate> trusted;
        try (InputStream in = Files.newInputStream(bundle)) {
            trusted = List.copyOf(CertificateFactory.getInstance("X.509").generateCertificates(in));
        }
        List<Certificate> jvm = jvmCas();
        assertThat(jvm).isNotEmpty();
        assertThat(trusted).hasSize(jvm.size() + 2).containsAll(jvm)
                .contains(Pki.readCertificate(write(dir, "a.pem", first.certificatePem())),
                        Pki.readCertificate(write(dir, "b.pem", second.certificatePem())));
    }

    @Test
    void aFileWithoutCertificatesIsRefusedNamingTheSetting(@TempDir Path dir) throws Exception {
        Path junk = Files.writeString(dir.resolve("junk.pem"), "not a certificate");
        assertThatThrownBy(() -> DatabaseServers.azure(junk)).hasMessageContaining("AZURE_ADDITIONAL_CA_CERTIFICATES")
                .hasMessageContaining(junk.toString());
    }

    private static Path write(Path dir, String name, String pem) throws Exception {
        return Files.writeString(dir.resolve(name), pem);
    }

    private static List<Certificate> jvmCas() throws Exception {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init((KeyStore) null);
        List<Certificate> out = new ArrayList<>();
        for (var tm : tmf.getTrustManagers()) {
            if (tm instanceof X509TrustManager x) {
                out.addAll(List.of(x.getAcceptedIssuers()));
            }
        }
        return out;
    }
}
