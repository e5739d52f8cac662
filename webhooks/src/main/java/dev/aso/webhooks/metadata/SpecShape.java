package dev.aso.webhooks.metadata;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * What the admission rules need to know about one version's {@code spec}, as the generator wrote it in the kind's
 * catalog entry ({@code admission}, see codegen's {@code AdmissionMetadata}).
 *
 * @param hasAzureName      the spec has {@code azureName}
 * @param fixedAzureName    the only value {@code azureName} may take (a one-value enum), or null
 * @param hasOwner          the spec has {@code owner}
 * @param root              the pruned shape of the spec for reference and xFromConfig checks; null when none
 * @param destinations      operatorSpec properties that write Secrets or ConfigMaps
 */
public record SpecShape(boolean hasAzureName, String fixedAzureName, boolean hasOwner, ShapeNode root,
                        List<Destination> destinations) {

    /** @param admission a version's {@code admission} object in the catalog */
    static SpecShape of(JsonNode admission) {
        List<Destination> destinations = new ArrayList<>();
        for (JsonNode d : admission.path("destinations")) {
            destinations.add(new Destination(d.path("property").asText(), d.path("target").asText(),
                    d.path("list").asBoolean()));
        }
        return new SpecShape(admission.path("azureName").asBoolean(),
                admission.hasNonNull("fixedAzureName") ? admission.get("fixedAzureName").asText() : null,
                admission.path("owner").asBoolean(), ShapeNode.of(admission.path("references")),
                List.copyOf(destinations));
    }
}
