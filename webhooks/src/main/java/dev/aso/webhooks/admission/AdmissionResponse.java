package dev.aso.webhooks.admission;

import com.fasterxml.jackson.databind.node.ArrayNode;

import java.util.List;

/**
 * The answer to one admission request.
 *
 * @param allowed  whether the request may go on
 * @param code     HTTP-like status in {@code response.status.code} when not allowed (403 denied, 400 bad request)
 * @param message  why not allowed, or null
 * @param patch    JSONPatch operations to apply, or null for none
 * @param warnings admission warnings shown to the user (kubectl prints them)
 */
public record AdmissionResponse(boolean allowed, int code, String message, ArrayNode patch, List<String> warnings) {

    public static AdmissionResponse allow(List<String> warnings) {
        return new AdmissionResponse(true, 200, null, null, warnings);
    }

    public static AdmissionResponse patch(ArrayNode patch) {
        return new AdmissionResponse(true, 200, null, patch.isEmpty() ? null : patch, List.of());
    }

    public static AdmissionResponse deny(String message, List<String> warnings) {
        return new AdmissionResponse(false, 403, message, null, warnings);
    }

    public static AdmissionResponse badRequest(String message) {
        return new AdmissionResponse(false, 400, message, null, List.of());
    }
}
