package dev.aso.controller.reconcile;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aso.api.meta.KindMeta;
import dev.aso.api.meta.OperatorAnnotations;
import dev.aso.controller.arm.ArmClient;
import dev.aso.controller.credentials.AzureCredential;

/**
 * What one reconcile or delete acts on: the resource (at the hub version, as JSON, kept in step with what the
 * controller writes to it), its ARM id, the credential it was resolved with and an ARM client for that credential.
 */
public record ReconcileTarget(KindBinding kind, ObjectNode resource, AzureCredential credential, ArmClient arm,
                              String armId) {

    public KindMeta meta() {
        return kind.meta();
    }

    public String namespace() {
        return resource.path("metadata").path("namespace").asText();
    }

    public String name() {
        return resource.path("metadata").path("name").asText();
    }

    /** The resource's name in Azure, see {@link #azureName(KindMeta, ObjectNode)}. */
    public String azureName() {
        return azureName(kind.meta(), resource);
    }

    /** The ARM api-version of the version the resource was applied at. */
    public String apiVersion() {
        return kind.originalVersion(resource).apiVersion();
    }

    public long generation() {
        return resource.path("metadata").path("generation").asLong(0);
    }

    /**
     * The kind's fixed name when Azure requires one (blob services' {@code default}: such kinds have no
     * {@code spec.azureName}, and {@code metadata.name} only names the Kubernetes object), else the name read from
     * {@code spec.azureNameFromConfig} once ({@link AzureNameFromConfig}, recorded in its annotation), else
     * {@code spec.azureName}, else {@code metadata.name}.
     */
    public static String azureName(KindMeta kind, ObjectNode resource) {
        if (kind.fixedAzureName() != null) {
            return kind.fixedAzureName();
        }
        String fromConfig = resource.path("spec").hasNonNull("azureNameFromConfig")
                ? Objects.annotation(resource, OperatorAnnotations.AZURE_NAME_FROM_CONFIG) : null;
        if (fromConfig != null) {
            return fromConfig;
        }
        String name = resource.path("spec").path("azureName").asText("");
        return name.isEmpty() ? resource.path("metadata").path("name").asText() : name;
    }
}
