package dev.aso.controller.reconcile;

import com.fasterxml.jackson.databind.JsonNode;

/** Test bridge to the controller's package-private drift check: the comparison a resync makes before any PUT. */
public final class DriftProbe {

    private DriftProbe() {
    }

    /** IN_SYNC, DRIFTED or UNVERIFIABLE, as {@code DriftCheck.compare} answers for the controller. */
    public static String compare(JsonNode desired, JsonNode actual) {
        return DriftCheck.compare(desired, actual).name();
    }
}
