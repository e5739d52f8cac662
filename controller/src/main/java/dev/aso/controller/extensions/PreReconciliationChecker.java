package dev.aso.controller.extensions;

import dev.aso.controller.arm.ArmException;
import dev.aso.controller.reconcile.ReconcileStop;
import dev.aso.controller.reconcile.ReconcileTarget;

/**
 * Decides, before a reconcile sends or polls anything (the owner is Ready and the ARM id known), whether it may go
 * on: for a kind that must wait for something the generic path does not know about.
 */
public interface PreReconciliationChecker extends KindExtension {

    /** @throws ReconcileStop to wait (usually a Warning or Info with its own reason and a retry interval) */
    void check(ReconcileTarget target) throws ReconcileStop, ArmException;
}
