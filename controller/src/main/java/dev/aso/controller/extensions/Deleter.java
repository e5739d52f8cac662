package dev.aso.controller.extensions;

import dev.aso.controller.arm.ArmException;
import dev.aso.controller.reconcile.Outcome;
import dev.aso.controller.reconcile.ReconcileStop;
import dev.aso.controller.reconcile.ReconcileTarget;

/**
 * Deletes a kind differently: runs in place of the generic DELETE once the reconcile policy is {@code manage} and
 * the recorded ARM id has been checked to be the resource's; it may call the generic delete.
 */
public interface Deleter extends KindExtension {

    /** The generic delete: GET, DELETE, and the operation polled one step per reconcile. */
    @FunctionalInterface
    interface GenericDelete {
        Outcome delete() throws ReconcileStop, ArmException;
    }

    /** @return {@link Outcome#deleted()} when the finalizer may go, else when to look again */
    Outcome delete(ReconcileTarget target, GenericDelete generic) throws ReconcileStop, ArmException;
}
