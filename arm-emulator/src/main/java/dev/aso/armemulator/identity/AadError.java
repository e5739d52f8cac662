package dev.aso.armemulator.identity;

/** A token endpoint failure in Microsoft Entra's shape: OAuth error, AADSTS number, description. */
public final class AadError extends Exception {
    private final int status;
    private final String error;
    private final int aadsts;

    public AadError(int status, String error, int aadsts, String description) {
        super("AADSTS" + aadsts + ": " + description);
        this.status = status;
        this.error = error;
        this.aadsts = aadsts;
    }

    public int status() {
        return status;
    }

    public String error() {
        return error;
    }

    public int aadsts() {
        return aadsts;
    }
}
