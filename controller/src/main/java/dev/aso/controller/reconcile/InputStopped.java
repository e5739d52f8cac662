package dev.aso.controller.reconcile;

import dev.aso.conversion.arm.ArmPayloadException;

/** Building the ARM body stopped where a kind's extension resolves an input (a well-known name) and could not. */
final class InputStopped extends ArmPayloadException {

    private final ReconcileStop stop;

    InputStopped(ReconcileStop stop) {
        super(stop.getMessage());
        this.stop = stop;
    }

    ReconcileStop stop() {
        return stop;
    }
}
