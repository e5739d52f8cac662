package dev.aso.armemulator.tls;

import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The server's TLS certificate and key, and the CA certificate clients must trust.
 * Either generated (a self-signed CA, reused from the cert directory when it is already there,
 * and a server certificate it signs) or given as files.
 */
public record TlsMaterial(String caCertificatePem, String serverCertificatePem, String serverKeyPem) {
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Uses the given server certificate (chain) and key; clients trust the chain's last certificate. */
    public static TlsMaterial fromFiles(Path certFile, Path keyFile) throws IOException {
        String chain = Files.readString(certFile);
        List<X509Certificate> certs = Pem.certificates(chain);
        return new TlsMaterial(Pem.certificate(certs.get(certs.size() - 1)), chain, Files.readString(keyFile));
    }

    /**
     * Generates a server certificate for the host names (plus localhost and the loopback addresses),
     * signed by the CA in {@code certDir} (ca.crt, ca.key) when there is one, else by a new CA written there.
     * With a null {@code certDir} nothing is written.
     */
    public static TlsMaterial generate(Path certDir, List<String> hostnames) throws IOException {
        KeyPair caKey;
        X509Certificate caCert;
        Path caCrt = certDir == null ? null : certDir.resolve("ca.crt");
        Path caKeyFile = certDir == null ? null : certDir.resolve("ca.key");
        if (caCrt != null && Files.exists(caCrt) && Files.exists(caKeyFile)) {
            caCert = Pem.certificates(Files.readString(caCrt)).get(0);
            caKey = Pem.keyPair(Files.readString(caKeyFile));
        } else {
            caKey = rsa();
            caCert = issueCa(caKey);
        }
        KeyPair serverKey = rsa();
        X509Certificate serverCert = issueServer(caCert, caKey, serverKey, hostnames);
        TlsMaterial m = new TlsMaterial(Pem.certificate(caCert), Pem.certificate(serverCert), Pem.privateKey(serverKey.getPrivate()));
        if (certDir != null) {
            Files.createDirectories(certDir);
            Files.writeString(caCrt, m.caCertificatePem);
            writePrivate(caKeyFile, Pem.privateKey(caKey.getPrivate()));
            Files.writeString(certDir.resolve("tls.crt"), m.serverCertificatePem);
            writePrivate(certDir.resolve("tls.key"), m.serverKeyPem);
        }
        return m;
    }

    private static void writePrivate(Path file, String pem) throws IOException {
        Files.writeString(file, pem);
        try {
            Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException ignored) {
            // not a POSIX file system: the file keeps its default permissions
        }
    }

    private static KeyPair rsa() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048, RANDOM);
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static X509Certificate issueCa(KeyPair key) {
        X500Name name = new X500Name("CN=ASO ARM emulator CA");
        try {
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder b = builder(name, name, key, Duration.ofDays(3650))
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(key.getPublic()));
            return sign(b, key);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot create the CA certificate: " + e.getMessage(), e);
        }
    }

    private static X509Certificate issueServer(X509Certificate ca, KeyPair caKey, KeyPair key, List<String> hostnames) {
        Set<String> names = new LinkedHashSet<>(List.of("localhost", "127.0.0.1", "::1"));
        names.addAll(hostnames);
        List<GeneralName> sans = new ArrayList<>();
        for (String n : names) {
            sans.add(isIp(n) ? new GeneralName(GeneralName.iPAddress, n) : new GeneralName(GeneralName.dNSName, n));
        }
        try {
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder b = builder(X500Name.getInstance(ca.getSubjectX500Principal().getEncoded()),
                    new X500Name("CN=" + names.iterator().next()), key, Duration.ofDays(825))
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
                    .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(sans.toArray(GeneralName[]::new)))
                    .addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(ca));
            return sign(b, caKey);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot create the server certificate: " + e.getMessage(), e);
        }
    }

    private static X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, KeyPair key, Duration validity) {
        Instant now = Instant.now();
        return new JcaX509v3CertificateBuilder(issuer, new BigInteger(64, RANDOM).abs().add(BigInteger.ONE),
                Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(validity)), subject, key.getPublic());
    }

    private static X509Certificate sign(X509v3CertificateBuilder b, KeyPair signer) throws GeneralSecurityException {
        try {
            return new JcaX509CertificateConverter().getCertificate(
                    b.build(new JcaContentSignerBuilder("SHA256withRSA").build(signer.getPrivate())));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException(e);
        }
    }

    private static boolean isIp(String s) {
        if (!s.matches("[0-9.]+|[0-9a-fA-F:]*:[0-9a-fA-F:.]*")) {
            return false;
        }
        try {
            InetAddress.getByName(s);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
