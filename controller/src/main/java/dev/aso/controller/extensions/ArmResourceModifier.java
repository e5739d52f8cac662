package dev.aso.controller.extensions;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aso.controller.arm.ArmException;
import dev.aso.controller.reconcile.ReconcileStop;
import dev.aso.controller.reconcile.ReconcileTarget;

/** Changes the ARM body just before it is PUT (not the body compared with Azure on a resync); may call ARM. */
public interface ArmResourceModifier extends KindExtension {

    /**
     * @param body the body the generic path built (references resolved, secrets read); the method may change it
     * @return the body to PUT
     * @throws ReconcileStop to send nothing now (Ready=False with the stop's reason)
     */
    ObjectNode modify(ObjectNode body, ReconcileTarget target) throws ReconcileStop, ArmException;
}
