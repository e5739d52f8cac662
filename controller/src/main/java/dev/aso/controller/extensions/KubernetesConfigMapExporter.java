package dev.aso.controller.extensions;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aso.controller.arm.ArmException;
import dev.aso.controller.reconcile.ReconcileStop;
import dev.aso.controller.reconcile.ReconcileTarget;

import java.util.Map;
import java.util.Set;

/**
 * Produces ConfigMap exports ({@code spec.operatorSpec.configMaps}) that the kind's export metadata cannot describe as
 * a status field, a POST action's field or an id part: values read from another resource, say (ASO
 * {@code KubernetesConfigExporter}).
 */
public interface KubernetesConfigMapExporter extends KindExtension {

    /** The names under {@code operatorSpec.configMaps} this exporter produces. */
    Set<String> configMapNames();

    /**
     * @param status    the resource's status (at the hub version) from Azure's latest answer
     * @param requested the names the resource asks for, a subset of {@link #configMapNames()}
     * @return each requested name's value; a name left out has no value yet (the export waits for it)
     */
    Map<String, String> configMaps(ReconcileTarget target, JsonNode status, Set<String> requested)
            throws ReconcileStop, ArmException;
}
