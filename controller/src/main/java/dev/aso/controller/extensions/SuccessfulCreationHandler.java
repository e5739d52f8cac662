package dev.aso.controller.extensions;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aso.controller.arm.ArmException;
import dev.aso.controller.reconcile.ReconcileStop;
import dev.aso.controller.reconcile.ReconcileTarget;

/**
 * Runs when a write to Azure has just made the resource Ready: after its creation (or after an update that ended a
 * failure), before Ready=True is written; e.g. to record what Azure assigned.
 */
public interface SuccessfulCreationHandler extends KindExtension {

    /** @param azureBody the resource as ARM returned it */
    void created(ReconcileTarget target, JsonNode azureBody) throws ReconcileStop, ArmException;
}
