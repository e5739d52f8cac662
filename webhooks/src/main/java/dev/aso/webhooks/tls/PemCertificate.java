package dev.aso.webhooks.tls;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.PemKeyCertOptions;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * A serving certificate read from a directory in cert-manager's secret layout: {@code tls.crt} (the certificate,
 * then any intermediates) and {@code tls.key} (PKCS#1, SEC1 or PKCS#8 PEM). {@code ca.crt} is not needed to serve.
 *
 * @param digest SHA-256 of the two files' bytes, to notice a change without parsing
 */
public record PemCertificate(Buffer certificateChain, Buffer privateKey, X509Certificate leaf, byte[] digest) {

    public static final String CERT_FILE = "tls.crt";
    public static final String KEY_FILE = "tls.key";

    /** Reads both files; cheap enough to call on every poll. */
    public static byte[] digestOf(Path dir) throws CertificateException {
        return digest(read(dir.resolve(CERT_FILE)), read(dir.resolve(KEY_FILE)));
    }

    /** Reads, parses and checks the pair; the private key must belong to the certificate. */
    public static PemCertificate load(Path dir) throws CertificateException {
        byte[] certBytes = read(dir.resolve(CERT_FILE));
        byte[] keyBytes = read(dir.resolve(KEY_FILE));
        List<X509Certificate> chain = certificates(dir.resolve(CERT_FILE), certBytes);
        PrivateKey key = privateKey(dir.resolve(KEY_FILE), keyBytes);
        checkPair(dir, chain.get(0), key);
        String pkcs8 = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, new byte[]{'\n'}).encodeToString(key.getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        return new PemCertificate(Buffer.buffer(certBytes), Buffer.buffer(pkcs8), chain.get(0), digest(certBytes, keyBytes));
    }

    /** Never the key: a record's own toString would print it wherever a certificate is logged. */
    @Override
    public String toString() {
        return "PemCertificate[" + describe() + "]";
    }

    public PemKeyCertOptions keyCertOptions() {
        return new PemKeyCertOptions().setCertValue(certificateChain).setKeyValue(privateKey);
    }

    public boolean sameFilesAs(byte[] otherDigest) {
        return Arrays.equals(digest, otherDigest);
    }

    /** Subject, serial and expiry, for logs. */
    public String describe() {
        return "subject \"" + leaf.getSubjectX500Principal().getName() + "\", serial " + leaf.getSerialNumber().toString(16)
                + ", valid until " + leaf.getNotAfter().toInstant();
    }

    private static byte[] read(Path file) throws CertificateException {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new CertificateException(file + " does not exist: mount the webhook's certificate secret there"
                    + " (keys tls.crt and tls.key), or point --cert-dir at it");
        } catch (IOException e) {
            throw new CertificateException(file + " cannot be read: " + e.getMessage(), e);
        }
    }

    private static List<X509Certificate> certificates(Path file, byte[] pem) throws CertificateException {
        List<X509Certificate> chain = new ArrayList<>();
        try (PEMParser parser = new PEMParser(new StringReader(new String(pem, StandardCharsets.US_ASCII)))) {
            JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
            for (Object item = parser.readObject(); item != null; item = parser.readObject()) {
                if (item instanceof X509CertificateHolder holder) {
                    chain.add(converter.getCertificate(holder));
                }
            }
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw new CertificateException(file + " is not a valid PEM certificate: " + e.getMessage(), e);
        }
        if (chain.isEmpty()) {
            throw new CertificateException(file + " holds no PEM certificate (expected -----BEGIN CERTIFICATE-----)");
        }
        return chain;
    }

    private static PrivateKey privateKey(Path file, byte[] pem) throws CertificateException {
        try (PEMParser parser = new PEMParser(new StringReader(new String(pem, StandardCharsets.US_ASCII)))) {
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            for (Object item = parser.readObject(); item != null; item = parser.readObject()) {
                if (item instanceof PEMKeyPair pair) {
                    return converter.getPrivateKey(pair.getPrivateKeyInfo());
                }
                if (item instanceof PrivateKeyInfo info) {
                    return converter.getPrivateKey(info);
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new CertificateException(file + " is not a valid PEM private key: " + e.getMessage(), e);
        }
        throw new CertificateException(file + " holds no unencrypted PEM private key");
    }

    /** Signs random bytes with the key and verifies them with the certificate's public key. */
    private static void checkPair(Path dir, X509Certificate certificate, PrivateKey key) throws CertificateException {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC", "ECDSA" -> "SHA256withECDSA";
            case "Ed25519", "EdDSA" -> "Ed25519";
            default -> throw new CertificateException(dir.resolve(KEY_FILE) + ": unsupported key algorithm " + key.getAlgorithm());
        };
        try {
            byte[] probe = new byte[32];
            new SecureRandom().nextBytes(probe);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(probe);
            if (!verifier.verify(signature)) {
                throw new CertificateException(dir.resolve(KEY_FILE) + " does not belong to the certificate in "
                        + dir.resolve(CERT_FILE) + " (" + certificate.getSubjectX500Principal().getName() + ")");
            }
        } catch (GeneralSecurityException e) {
            throw new CertificateException(dir.resolve(KEY_FILE) + " does not belong to the certificate in "
                    + dir.resolve(CERT_FILE) + ": " + e.getMessage(), e);
        }
    }

    private static byte[] digest(byte[] cert, byte[] key) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(cert);
            sha.update((byte) 0);
            sha.update(key);
            return sha.digest();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
