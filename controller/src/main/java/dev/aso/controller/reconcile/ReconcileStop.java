package dev.aso.controller.reconcile;

import dev.aso.controller.arm.ArmException;

import java.time.Duration;
import java.util.Optional;

/**
 * Ends a reconcile with Ready=False: {@code severity} Warning (try again after {@code retryAfter}, or with backoff
 * when null), Error (do not retry until the spec changes) or Info (in progress, poll after {@code retryAfter}).
 * {@code reason} and the message go into the condition and the event, so they never carry secrets.
 */
public final class ReconcileStop extends Exception {

    public enum Severity {
        INFO("Info"), WARNING("Warning"), ERROR("Error");

        private final String text;

        Severity(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    private final Severity severity;
    private final String reason;
    private final Duration retryAfter;
    private final transient ArmException armError;

    public ReconcileStop(Severity severity, String reason, String message, Duration retryAfter) {
        this(severity, reason, message, retryAfter, null);
    }

    private ReconcileStop(Severity severity, String reason, String message, Duration retryAfter, ArmException armError) {
        super(message, null, false, false);
        this.severity = severity;
        this.reason = reason;
        this.retryAfter = retryAfter;
        this.armError = armError;
    }

    /** A stop for ARM's {@code error}, which it keeps (for a kind's {@code ErrorClassifier}). */
    static ReconcileStop ofArmError(Severity severity, ArmException error, Duration retryAfter) {
        return new ReconcileStop(severity, error.code(), error.getMessage(), retryAfter, error);
    }

    public static ReconcileStop warning(String reason, String message) {
        return new ReconcileStop(Severity.WARNING, reason, message, null);
    }

    public static ReconcileStop error(String reason, String message) {
        return new ReconcileStop(Severity.ERROR, reason, message, null);
    }

    /**
     * An error whose fix is outside the resource's spec (a credential Secret, an annotation), so no spec change will
     * wake the resource: it is checked again every {@code recheck}.
     */
    public static ReconcileStop errorFixedOutsideTheSpec(String reason, String message, Duration recheck) {
        return new ReconcileStop(Severity.ERROR, reason, message, recheck);
    }

    public Severity severity() {
        return severity;
    }

    public String reason() {
        return reason;
    }

    public Duration retryAfter() {
        return retryAfter;
    }

    /** The ARM error this stop reports, when it reports one. */
    public Optional<ArmException> armError() {
        return Optional.ofNullable(armError);
    }
}
