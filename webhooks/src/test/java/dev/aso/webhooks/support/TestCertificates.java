package dev.aso.webhooks.support;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;

/** A test CA and server certificates for 127.0.0.1 and localhost, written in cert-manager's secret layout. */
public final class TestCertificates {

    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

    private final KeyPair caKey;
    private final X509CertificateHolder ca;

    public TestCertificates() {
        try {
            caKey = rsa();
            X500Name name = new X500Name("CN=aso-webhooks-test-ca");
            ca = new JcaX509v3CertificateBuilder(name, serial(), from(), to(), name, caKey.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .build(new JcaContentSignerBuilder("SHA256withRSA").build(caKey.getPrivate()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A server certificate and key, PEM-encoded. */
    public record Issued(String certificatePem, String keyPem, BigInteger serial) {
    }

    public Issued issue(String commonName) {
        try {
            KeyPair key = rsa();
            BigInteger serial = serial();
            X509CertificateHolder cert = new JcaX509v3CertificateBuilder(ca.getSubject(), serial, from(), to(),
                    new X500Name("CN=" + commonName), key.getPublic())
                    .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[]{
                            new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                            new GeneralName(GeneralName.dNSName, "localhost")}))
                    .build(new JcaContentSignerBuilder("SHA256withRSA").build(caKey.getPrivate()));
            return new Issued(pem(cert) , pem(key.getPrivate()), serial);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public String caPem() {
        return pem(ca);
    }

    /** Writes tls.crt, tls.key and ca.crt into {@code dir}, each file atomically (write, then rename). */
    public void write(Path dir, Issued issued) throws IOException {
        writeAtomically(dir.resolve("tls.crt"), issued.certificatePem());
        writeAtomically(dir.resolve("tls.key"), issued.keyPem());
        writeAtomically(dir.resolve("ca.crt"), caPem());
    }

    public static void writeAtomically(Path file, String content) throws IOException {
        Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
        Files.writeString(tmp, content);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    public static BigInteger serialOf(X509Certificate certificate) {
        return certificate.getSerialNumber();
    }

    private static KeyPair rsa() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    private static BigInteger serial() {
        return BigInteger.valueOf(SERIAL.incrementAndGet());
    }

    private static Date from() {
        return Date.from(Instant.now().minus(Duration.ofHours(1)));
    }

    private static Date to() {
        return Date.from(Instant.now().plus(Duration.ofDays(1)));
    }

    private static String pem(Object object) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(object);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toString();
    }
}
