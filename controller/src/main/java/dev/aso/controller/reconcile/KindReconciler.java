package dev.aso.controller.reconcile;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The generic reconcile of a kind, on the hub object as JSON, as {@link ArmReconciler} drives it for JOSDK: the ARM
 * one ({@link ResourceReconciler}) or the one of kinds that are not ARM resources ({@link NonArmReconciler}).
 */
public interface KindReconciler {

    Outcome reconcile(KindBinding kind, ObjectNode obj);

    /** The delete; {@link Outcome#finished()} lets the finalizer go. */
    Outcome cleanup(KindBinding kind, ObjectNode obj);

    /** A reconcile that ended in an exception (JOSDK retries it), shown on the resource. */
    void reportFailure(KindBinding kind, ObjectNode obj, Exception e);

    /** Where the controllers register how to wake their objects waiting for an owner (shared by all kinds). */
    OwnerWakeups ownerWakeups();
}
