package dev.aso.armemulator.arm;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aso.armemulator.identity.Principal;

/**
 * One ARM call: method, path (no query), the api-version (null when absent), the raw body (null
 * when empty), the authenticated caller, the base URL for absolute links, and an error that the
 * operation this call starts must end with (a fault), or null.
 */
public record ArmRequest(String method, String path, String apiVersion, String body, Principal principal, String baseUrl,
                         ObjectNode failOperation) {
}
