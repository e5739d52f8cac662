package dev.aso.cli;

/** A mistake in what the user asked for; exit code {@link ExitCodes#USAGE}, the message alone is printed. */
public final class UsageException extends RuntimeException {

    public UsageException(String message) {
        super(message);
    }
}
