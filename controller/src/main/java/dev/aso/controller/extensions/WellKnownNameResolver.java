package dev.aso.controller.extensions;

import dev.aso.controller.arm.ArmException;
import dev.aso.controller.reconcile.ReconcileStop;
import dev.aso.controller.reconcile.ReconcileTarget;

/**
 * Resolves the {@code wellKnownName} of a kind's references (ASO's WellKnownResourceReference) to what ARM takes in
 * its place. A kind without one sends the name as it is, as Azure accepts it (a container app's identity
 * {@code system}). Called whenever the body is built, for the PUT and for the comparison with Azure alike, so that a
 * resolved name is not taken for a difference.
 */
public interface WellKnownNameResolver extends KindExtension {

    /**
     * @param fieldPath the reference's field, for messages ({@code spec.roleDefinitionReference.wellKnownName})
     * @throws ReconcileStop when the name cannot be resolved (shown on the resource; the reconcile is retried)
     */
    String resolve(String wellKnownName, String fieldPath, ReconcileTarget target) throws ReconcileStop, ArmException;
}
