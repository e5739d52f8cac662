package dev.aso.controller.reconcile;

import dev.aso.conversion.arm.ArmPayloadException;

/** A Secret, ConfigMap or referenced resource the spec needs is missing or not Ready; {@code reason} is ASO's. */
final class InputMissing extends ArmPayloadException {

    private final String reason;

    InputMissing(String reason, String message) {
        super(message);
        this.reason = reason;
    }

    String reason() {
        return reason;
    }
}
