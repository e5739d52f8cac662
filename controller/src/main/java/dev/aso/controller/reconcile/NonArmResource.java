package dev.aso.controller.reconcile;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What a kind that is not an ARM resource (a database user, an Entra group) does in its own system; everything else
 * (finalizer, reconcile policy, owner, conditions, events, backoff, resync) is {@link NonArmReconciler}'s. Each
 * method either succeeds or throws a {@link ReconcileStop} whose reason and message name the field or the server and
 * never carry a secret.
 */
public interface NonArmResource {

    /**
     * Brings what the spec describes in line (create or update).
     *
     * @return the status values to show besides the conditions, or null when the kind has none
     */
    ObjectNode apply(NonArmTarget target) throws ReconcileStop;

    /** reconcile-policy skip: only reads; the status values (or null), or a stop when it does not exist. */
    ObjectNode observe(NonArmTarget target) throws ReconcileStop;

    /** reconcile-policy manage, on delete: removes it; nothing to do when it is already gone. */
    void delete(NonArmTarget target) throws ReconcileStop;
}
