package dev.aso.controller.arm;

import java.time.Duration;
import java.util.Optional;

/**
 * ARM answered with an error ({@code {"error": {"code", "message"}}}), or could not be reached ({@code httpStatus} 0).
 * The message is ARM's, meant for the user; it never holds request bodies.
 */
public final class ArmException extends Exception {

    private final int httpStatus;
    private final String code;
    private final Duration retryAfter;

    public ArmException(int httpStatus, String code, String message, Duration retryAfter) {
        super(message);
        this.httpStatus = httpStatus;
        this.code = code;
        this.retryAfter = retryAfter;
    }

    public int httpStatus() {
        return httpStatus;
    }

    /** ARM's error code, or {@code HttpStatus<n>} when the body had none. */
    public String code() {
        return code;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    public boolean notFound() {
        return httpStatus == 404;
    }
}
