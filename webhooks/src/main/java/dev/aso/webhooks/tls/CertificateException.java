package dev.aso.webhooks.tls;

/** The serving certificate files are missing or unusable; the message names the file and the problem. */
public class CertificateException extends Exception {

    public CertificateException(String message) {
        super(message);
    }

    public CertificateException(String message, Throwable cause) {
        super(message, cause);
    }
}
