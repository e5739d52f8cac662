package dev.aso.controller.extensions.exports;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aso.controller.arm.ArmException;
import dev.aso.controller.extensions.KubernetesConfigMapExporter;
import dev.aso.controller.reconcile.ReconcileStop;
import dev.aso.controller.reconcile.ReconcileTarget;

import java.util.Map;
import java.util.Set;

/**
 * A private endpoint's {@code primaryNicPrivateIpAddress} (as ASO): the private IP address of the primary IP
 * configuration of the endpoint's first network interface (Azure creates that interface with the endpoint; the
 * endpoint's status only names it), read with a GET of the interface at the endpoint's api-version (both are
 * {@code Microsoft.Network}).
 */
public final class PrivateEndpointAddress implements KubernetesConfigMapExporter {

    static final String NAME = "primaryNicPrivateIpAddress";

    @Override
    public Set<String> configMapNames() {
        return Set.of(NAME);
    }

    @Override
    public Map<String, String> configMaps(ReconcileTarget target, JsonNode status, Set<String> requested)
            throws ReconcileStop, ArmException {
        String nic = status.path("networkInterfaces").path(0).path("id").asText("");
        if (!requested.contains(NAME) || !nic.regionMatches(true, 0, "/subscriptions/", 0, 15)) {
            return Map.of();
        }
        JsonNode configurations = target.arm().get(nic, target.apiVersion()).body()
                .path("properties").path("ipConfigurations");
        for (JsonNode c : configurations) {
            JsonNode address = c.path("properties").path("privateIPAddress");
            if (c.path("properties").path("primary").asBoolean(false) && address.isTextual()) {
                return Map.of(NAME, address.asText());
            }
        }
        return Map.of();
    }
}
