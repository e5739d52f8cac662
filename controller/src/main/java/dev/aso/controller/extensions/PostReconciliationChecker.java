package dev.aso.controller.extensions;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aso.controller.arm.ArmException;
import dev.aso.controller.reconcile.ReconcileStop;
import dev.aso.controller.reconcile.ReconcileTarget;

/**
 * Decides whether a resource Azure accepted is Ready: for kinds whose provisioning goes on after ARM's operation
 * ends. Runs after Azure's values are in the status, before the exports.
 */
public interface PostReconciliationChecker extends KindExtension {

    /**
     * @param azureBody the resource as ARM returned it
     * @throws ReconcileStop to keep Ready=False with the stop's reason (the status values are written all the same)
     */
    void check(ReconcileTarget target, JsonNode azureBody) throws ReconcileStop, ArmException;
}
