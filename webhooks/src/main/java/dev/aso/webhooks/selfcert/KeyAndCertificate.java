package dev.aso.webhooks.selfcert;

import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;

/** A certificate and its key pair. */
public record KeyAndCertificate(KeyPair keyPair, X509Certificate certificate) {

    public Instant notBefore() {
        return certificate.getNotBefore().toInstant();
    }

    public Instant notAfter() {
        return certificate.getNotAfter().toInstant();
    }

    /**
     * When two thirds of the lifetime have passed (cert-manager's default renewal point), counted from issuance: the
     * certificates are backdated by {@link CertificateIssuer#BACKDATE} for clock skew, which is not lifetime.
     */
    public Instant renewalTime() {
        Instant issued = notBefore().plus(CertificateIssuer.BACKDATE);
        Duration lifetime = Duration.between(issued, notAfter());
        return issued.plus(lifetime.multipliedBy(2).dividedBy(3));
    }

    /** For logs: subject, serial and expiry; never key material. */
    public String describe() {
        return certificate.getSubjectX500Principal().getName() + " (serial " + certificate.getSerialNumber().toString(16)
                + ", valid until " + notAfter() + ")";
    }
}
