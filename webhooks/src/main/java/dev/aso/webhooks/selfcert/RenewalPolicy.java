package dev.aso.webhooks.selfcert;

import org.bouncycastle.asn1.x509.GeneralName;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.Signature;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Decides whether the stored certificates can stay, need a new serving certificate, or a new CA. */
final class RenewalPolicy {

    enum Decision {
        /** Everything valid: keep it. */
        KEEP,
        /** The CA is fine; the serving certificate is near its end, for other names, or does not match. */
        NEW_SERVING_CERTIFICATE,
        /** The CA is near its end (or unusable): a new CA and a new serving certificate. */
        NEW_CA
    }

    /** The decision with the reason, for the log. */
    record Outcome(Decision decision, String reason) {
    }

    private RenewalPolicy() {
    }

    static Outcome decide(CertificateSet current, List<String> names, Instant now) {
        if (current == null) {
            return new Outcome(Decision.NEW_CA, "no certificate stored yet");
        }
        KeyAndCertificate ca = current.ca();
        if (!now.isBefore(ca.renewalTime())) {
            return new Outcome(Decision.NEW_CA, "the CA " + ca.describe() + " is past two thirds of its lifetime");
        }
        if (!keyMatches(ca.keyPair())) {
            return new Outcome(Decision.NEW_CA, "the CA key does not belong to the CA certificate");
        }
        KeyAndCertificate serving = current.serving();
        if (!now.isBefore(serving.renewalTime())) {
            return new Outcome(Decision.NEW_SERVING_CERTIFICATE,
                    "the serving certificate " + serving.describe() + " is past two thirds of its lifetime");
        }
        if (!signedBy(serving.certificate(), ca.certificate())) {
            return new Outcome(Decision.NEW_SERVING_CERTIFICATE, "the serving certificate is not signed by the current CA");
        }
        if (!keyMatches(serving.keyPair())) {
            return new Outcome(Decision.NEW_SERVING_CERTIFICATE, "the serving key does not belong to the certificate");
        }
        Set<String> present = subjectAltNames(serving.certificate());
        if (!present.equals(new HashSet<>(names))) {
            return new Outcome(Decision.NEW_SERVING_CERTIFICATE,
                    "the serving certificate is for " + present + ", wanted " + names);
        }
        return new Outcome(Decision.KEEP, "valid until " + serving.renewalTime() + " (renewal time)");
    }

    private static boolean signedBy(X509Certificate certificate, X509Certificate ca) {
        try {
            certificate.verify(ca.getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static boolean keyMatches(KeyPair pair) {
        try {
            byte[] challenge = new byte[32];
            new java.security.SecureRandom().nextBytes(challenge);
            Signature signer = Signature.getInstance("SHA256withECDSA");
            signer.initSign(pair.getPrivate());
            signer.update(challenge);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance("SHA256withECDSA");
            verifier.initVerify(pair.getPublic());
            verifier.update(challenge);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    static Set<String> subjectAltNames(X509Certificate certificate) {
        Set<String> names = new HashSet<>();
        try {
            Collection<List<?>> entries = certificate.getSubjectAlternativeNames();
            if (entries != null) {
                for (List<?> entry : entries) {
                    int type = (Integer) entry.get(0);
                    if (type == GeneralName.dNSName || type == GeneralName.iPAddress) {
                        names.add(String.valueOf(entry.get(1)));
                    }
                }
            }
        } catch (CertificateParsingException e) {
            return Set.of();
        }
        return names;
    }
}
