package dev.aso.controller.expressions;

/**
 * An expression that cannot be used: {@code invalid} when only a spec change can fix it (it does not compile, or it
 * returns the wrong type), otherwise its evaluation failed on the current values (a field not there yet, say).
 */
public final class ExpressionException extends Exception {

    private final boolean invalid;

    ExpressionException(boolean invalid, String message) {
        super(message, null, false, false);
        this.invalid = invalid;
    }

    public boolean invalid() {
        return invalid;
    }
}
