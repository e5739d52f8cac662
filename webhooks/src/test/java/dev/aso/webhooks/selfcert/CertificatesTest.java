package dev.aso.webhooks.selfcert;

import dev.aso.webhooks.selfcert.RenewalPolicy.Decision;
import dev.aso.webhooks.tls.PemCertificate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Issuing, storing, renewal decisions and CA rotation of the self-managed certificates, on a clock of our own. */
class CertificatesTest {

    static final List<String> NAMES = List.of("svc.ns.svc", "svc.ns.svc.cluster.local", "127.0.0.1");
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    static final Duration VALIDITY = Duration.ofHours(90);

    static CertificateSet fresh(Instant now) {
        KeyAndCertificate ca = CertificateIssuer.newCa("test-ca", now, VALIDITY.multipliedBy(10));
        return CertificateSet.of(ca, CertificateIssuer.issueServing(ca, NAMES, now, VALIDITY), List.of(), now);
    }

    static Map<String, String> base64(Map<String, String> stringData) {
        Map<String, String> data = new HashMap<>();
        stringData.forEach((k, v) -> data.put(k, Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.US_ASCII))));
        return data;
    }

    @Test
    void aServingCertificateIsSignedByTheCaForTheNamesAndForServerAuth() throws Exception {
        CertificateSet set = fresh(T0);
        X509Certificate serving = set.serving().certificate();
        serving.verify(set.ca().certificate().getPublicKey());
        assertThat(RenewalPolicy.subjectAltNames(serving)).containsExactlyInAnyOrderElementsOf(NAMES);
        assertThat(serving.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
        assertThat(serving.getBasicConstraints()).isEqualTo(-1);
        assertThat(set.ca().certificate().getBasicConstraints()).isEqualTo(0);
        assertThat(set.serving().notAfter()).isEqualTo(T0.plus(VALIDITY));
        assertThat(set.serving().notBefore()).isBefore(T0); // tolerates clock skew
    }

    @Test
    void theSecretDataRoundTrips() {
        CertificateSet set = fresh(T0);
        CertificateSet read = CertificateSet.fromSecretData(base64(set.toSecretData()));
        assertThat(read.serving().certificate()).isEqualTo(set.serving().certificate());
        assertThat(read.ca().certificate()).isEqualTo(set.ca().certificate());
        assertThat(read.trusted()).isEqualTo(set.trusted());
        assertThat(RenewalPolicy.decide(read, NAMES, T0.plusSeconds(60)).decision()).isEqualTo(Decision.KEEP);
        assertThat(set.servingFiles()).containsOnlyKeys("tls.crt", "tls.key", "ca.crt");
    }

    @Test
    void brokenSecretDataNamesTheKey() {
        Map<String, String> data = base64(fresh(T0).toSecretData());
        data.remove("ca.key");
        assertThatThrownBy(() -> CertificateSet.fromSecretData(data)).hasMessage("key ca.key is missing");
        Map<String, String> garbled = base64(fresh(T0).toSecretData());
        garbled.put("tls.crt", Base64.getEncoder().encodeToString("not pem".getBytes(StandardCharsets.US_ASCII)));
        assertThatThrownBy(() -> CertificateSet.fromSecretData(garbled)).hasMessageStartingWith("key tls.crt: ");
    }

    @Test
    void renewalHappensAfterTwoThirdsOfTheLifetime() {
        CertificateSet set = fresh(T0);
        assertThat(RenewalPolicy.decide(null, NAMES, T0).decision()).isEqualTo(Decision.NEW_CA);
        assertThat(RenewalPolicy.decide(set, NAMES, T0.plus(Duration.ofHours(59))).decision()).isEqualTo(Decision.KEEP);
        // 2/3 of 90 h = 60 h (the one-minute backdate does not count)
        assertThat(RenewalPolicy.decide(set, NAMES, T0.plus(Duration.ofHours(60))).decision())
                .isEqualTo(Decision.NEW_SERVING_CERTIFICATE);
        assertThat(RenewalPolicy.decide(set, NAMES, T0.plus(Duration.ofHours(600))).decision())
                .isEqualTo(Decision.NEW_CA);
    }

    @Test
    void otherNamesOrAForeignCertificateNeedANewServingCertificate() {
        CertificateSet set = fresh(T0);
        assertThat(RenewalPolicy.decide(set, List.of("other.ns.svc"), T0).decision())
                .isEqualTo(Decision.NEW_SERVING_CERTIFICATE);
        CertificateSet foreign = new CertificateSet(set.ca(), fresh(T0).serving(), set.trusted());
        assertThat(RenewalPolicy.decide(foreign, NAMES, T0).reason()).contains("not signed by the current CA");
    }

    @Test
    void aCaRotationKeepsTrustingTheOldCaUntilItExpires() throws Exception {
        CertificateSet old = fresh(T0);
        Instant later = T0.plus(Duration.ofHours(700)); // past 2/3 of the CA's 900 h
        assertThat(RenewalPolicy.decide(old, NAMES, later).decision()).isEqualTo(Decision.NEW_CA);
        KeyAndCertificate ca = CertificateIssuer.newCa("test-ca", later, VALIDITY.multipliedBy(10));
        CertificateSet rotated = CertificateSet.of(ca, CertificateIssuer.issueServing(ca, NAMES, later, VALIDITY),
                old.trusted(), later);
        assertThat(rotated.trusted()).containsExactly(ca.certificate(), old.ca().certificate());
        List<X509Certificate> bundle = Pem.readCertificates(rotated.caBundlePem());
        assertThat(bundle).hasSize(2);
        // a replica still serving the old certificate is trusted by the new bundle, and so is the new certificate
        old.serving().certificate().verify(bundle.get(1).getPublicKey());
        rotated.serving().certificate().verify(bundle.get(0).getPublicKey());
        // once the old CA has expired it leaves the bundle
        CertificateSet next = CertificateSet.of(ca, rotated.serving(), rotated.trusted(), T0.plus(Duration.ofHours(901)));
        assertThat(next.trusted()).containsExactly(ca.certificate());
    }

    @Test
    void aServingCertificateNeverOutlivesItsCa() {
        KeyAndCertificate ca = CertificateIssuer.newCa("short", T0, Duration.ofHours(1));
        KeyAndCertificate serving = CertificateIssuer.issueServing(ca, NAMES, T0, Duration.ofHours(90));
        assertThat(serving.notAfter()).isEqualTo(ca.notAfter());
    }

    @Test
    void filesAreSwappedAtomicallyAndReadByTheServersLoader(@TempDir Path dir) throws Exception {
        CertificateFiles files = new CertificateFiles(dir);
        CertificateSet first = fresh(Instant.now());
        assertThat(files.write(first.servingFiles())).isTrue();
        assertThat(files.write(first.servingFiles())).isFalse();
        assertThat(PemCertificate.load(dir).leaf()).isEqualTo(first.serving().certificate());
        CertificateSet second = fresh(Instant.now());
        assertThat(files.write(second.servingFiles())).isTrue();
        assertThat(PemCertificate.load(dir).leaf()).isEqualTo(second.serving().certificate());
        assertThat(Files.isSymbolicLink(dir.resolve("tls.crt"))).isTrue();
        try (var entries = Files.list(dir)) {
            assertThat(entries.filter(p -> p.getFileName().toString().startsWith("..data_")).count())
                    .as("the previous data directory is removed").isEqualTo(1);
        }
    }
}
