package dev.aso.controller.dbusers;

import java.util.Collection;

/**
 * A database user operation that failed, with its {@link DbUserReason} and a message that names the field or the
 * server and says what to do. Built through {@link #of}, which removes every secret value from the message: a
 * password never reaches a condition, an event or a log line.
 */
public final class DbUserException extends RuntimeException {

    private static final String REDACTED = "[redacted]";

    private final DbUserReason reason;

    private DbUserException(DbUserReason reason, String message, Throwable cause) {
        // the driver's exception is not kept as the cause: its message may quote a statement holding a password
        super(cause == null ? message : message + " [" + cause.getClass().getName() + "]");
        this.reason = reason;
    }

    /** A failure whose message mentions no secret value. */
    public static DbUserException of(DbUserReason reason, String message) {
        return new DbUserException(reason, message, null);
    }

    /** A failure whose message has every value of {@code secrets} replaced by {@value #REDACTED}. */
    public static DbUserException of(DbUserReason reason, String message, Collection<String> secrets, Throwable cause) {
        return new DbUserException(reason, scrub(message, secrets), cause);
    }

    public DbUserReason reason() {
        return reason;
    }

    static String scrub(String text, Collection<String> secrets) {
        String out = text == null ? "" : text;
        for (String s : secrets) {
            if (s != null && !s.isEmpty()) {
                out = out.replace(s, REDACTED);
            }
        }
        return out;
    }
}
