package dev.aso.controller.arm;

/**
 * No token for an ARM request: Microsoft Entra refused the credential ({@code CredentialRefused}), the credential
 * cannot be used as configured ({@code InvalidCredential}), or Entra could not be reached ({@code ConnectionError}).
 * The message names the credential and the problem, never a secret.
 */
public final class AuthenticationFailure extends RuntimeException {

    private final String reason;

    public AuthenticationFailure(String reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
