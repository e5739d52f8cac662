package dev.aso.controller.extensions;

import dev.aso.controller.arm.ArmException;
import dev.aso.controller.reconcile.ReconcileStop;
import dev.aso.controller.reconcile.ReconcileTarget;

import java.util.Map;
import java.util.Set;

/**
 * Produces secret exports ({@code spec.operatorSpec.secrets}) that the kind's export metadata cannot describe as a
 * status field, a POST action's field or an id part: values that need their own ARM calls or assembling.
 */
public interface KubernetesSecretExporter extends KindExtension {

    /** The names under {@code operatorSpec.secrets} this exporter produces. */
    Set<String> secretNames();

    /**
     * @param requested the names the resource asks for, a subset of {@link #secretNames()}
     * @return each requested name's value (never logged: the values are registered with the redactor)
     */
    Map<String, String> secrets(ReconcileTarget target, Set<String> requested) throws ReconcileStop, ArmException;
}
