package dev.aso.webhooks.selfcert;

import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the Secret holds: the CA (certificate and key), the serving certificate and key, and the CAs the caBundle
 * must still trust (the current one first, then earlier ones until they expire, so that a CA rotation never leaves
 * the API server unable to verify a replica still serving an older certificate).
 *
 * <p>Secret keys: {@code tls.crt}, {@code tls.key}, {@code ca.crt} (the bundle, as cert-manager's layout) and
 * {@code ca.key}.
 */
public record CertificateSet(KeyAndCertificate ca, KeyAndCertificate serving, List<X509Certificate> trusted) {

    static final String TLS_CRT = "tls.crt";
    static final String TLS_KEY = "tls.key";
    static final String CA_CRT = "ca.crt";
    static final String CA_KEY = "ca.key";

    /** A set for a new CA, still trusting the earlier CAs that have not expired at {@code now}. */
    static CertificateSet of(KeyAndCertificate ca, KeyAndCertificate serving, List<X509Certificate> earlier, Instant now) {
        List<X509Certificate> trusted = new ArrayList<>();
        trusted.add(ca.certificate());
        for (X509Certificate c : earlier) {
            if (!c.equals(ca.certificate()) && c.getNotAfter().toInstant().isAfter(now)) {
                trusted.add(c);
            }
        }
        return new CertificateSet(ca, serving, List.copyOf(trusted));
    }

    public String caBundlePem() {
        return Pem.certificates(trusted);
    }

    /** The Secret's data (string values, as {@code stringData}). */
    Map<String, String> toSecretData() {
        Map<String, String> data = new LinkedHashMap<>();
        data.put(TLS_CRT, Pem.certificates(List.of(serving.certificate())));
        data.put(TLS_KEY, Pem.privateKey(serving.keyPair().getPrivate()));
        data.put(CA_CRT, caBundlePem());
        data.put(CA_KEY, Pem.privateKey(ca.keyPair().getPrivate()));
        return data;
    }

    /** The files the server reads (no CA key). */
    Map<String, String> servingFiles() {
        Map<String, String> files = new LinkedHashMap<>(toSecretData());
        files.remove(CA_KEY);
        return files;
    }

    /**
     * Reads a Secret's {@code data} (base64 values).
     *
     * @throws IllegalArgumentException naming the key that is missing or broken
     */
    static CertificateSet fromSecretData(Map<String, String> base64Data) {
        Map<String, String> data = new LinkedHashMap<>();
        for (String key : List.of(TLS_CRT, TLS_KEY, CA_CRT, CA_KEY)) {
            String value = base64Data == null ? null : base64Data.get(key);
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException("key " + key + " is missing");
            }
            try {
                data.put(key, new String(Base64.getDecoder().decode(value.strip()), StandardCharsets.US_ASCII));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("key " + key + " is not base64", e);
            }
        }
        List<X509Certificate> trusted = read(CA_CRT, () -> Pem.readCertificates(data.get(CA_CRT)));
        X509Certificate caCert = trusted.get(0);
        X509Certificate servingCert = read(TLS_CRT, () -> Pem.readCertificates(data.get(TLS_CRT))).get(0);
        KeyAndCertificate ca = new KeyAndCertificate(read(CA_KEY, () -> Pem.readKeyPair(data.get(CA_KEY), caCert)), caCert);
        KeyAndCertificate serving = new KeyAndCertificate(
                read(TLS_KEY, () -> Pem.readKeyPair(data.get(TLS_KEY), servingCert)), servingCert);
        return new CertificateSet(ca, serving, List.copyOf(trusted));
    }

    private static <T> T read(String key, java.util.function.Supplier<T> reader) {
        try {
            return reader.get();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("key " + key + ": " + e.getMessage(), e);
        }
    }
}
