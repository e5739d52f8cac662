package dev.aso.cli;

import dev.aso.controller.arm.ArmException;

/** ARM's refusal in one line: its code, the HTTP status and its message. */
public final class ArmErrors {

    private ArmErrors() {
    }

    public static String describe(ArmException e) {
        return e.code() + (e.httpStatus() > 0 ? " (HTTP " + e.httpStatus() + ")" : "") + ": " + e.getMessage();
    }
}
