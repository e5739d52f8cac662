package dev.aso.controller.credentials;

/** No usable credential for a resource; {@code reason} is the condition reason, the message says what to fix. */
public final class CredentialException extends Exception {

    private final String reason;

    public CredentialException(String reason, String message) {
        super(message);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
