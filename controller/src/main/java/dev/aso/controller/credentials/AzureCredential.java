package dev.aso.controller.credentials;

import dev.aso.controller.settings.Sensitive;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * One Azure identity and the subscription it works in: a client secret, a client certificate, or workload identity
 * (neither). {@code source} says where it came from, for the {@code CredentialFrom} event; secret parts print as
 * {@code [redacted]}.
 */
public record AzureCredential(String source, String subscriptionId, String tenantId, String clientId,
                              Sensitive clientSecret, Sensitive clientCertificate, Sensitive clientCertificatePassword) {

    public boolean workloadIdentity() {
        return clientSecret == null && clientCertificate == null;
    }

    /** Identifies the identity (not where it was read from), so equal credentials share one ARM client. */
    public String cacheKey() {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String part : new String[] {subscriptionId, tenantId, clientId, value(clientSecret),
                    value(clientCertificate), value(clientCertificatePassword)}) {
                sha.update(String.valueOf(part).getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String value(Sensitive s) {
        return s == null ? null : s.value();
    }
}
