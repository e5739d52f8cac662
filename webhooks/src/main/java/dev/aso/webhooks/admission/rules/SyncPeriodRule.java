package dev.aso.webhooks.admission.rules;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.aso.api.meta.GoDuration;
import dev.aso.api.meta.OperatorAnnotations;
import dev.aso.webhooks.admission.AdmissionRequest;
import dev.aso.webhooks.admission.FieldErrors;
import dev.aso.webhooks.admission.ValidationRule;

/**
 * The {@code serviceoperator.azure.com/sync-period} annotation, when present, must be what {@code AZURE_SYNC_PERIOD}
 * accepts: a positive Go duration ({@code 15m}, {@code 1h30m}) or {@code never}. Not in ASO (it has only the global
 * setting).
 */
public final class SyncPeriodRule implements ValidationRule {

    @Override
    public void check(AdmissionRequest request, FieldErrors errors) {
        if (!request.object().path("metadata").path("annotations").has(OperatorAnnotations.SYNC_PERIOD)) {
            return;
        }
        String value = AdmissionRequest.annotation(request.object(), OperatorAnnotations.SYNC_PERIOD);
        try {
            GoDuration.syncPeriod(value == null ? "" : value);
        } catch (IllegalArgumentException e) {
            errors.invalid("metadata.annotations[" + OperatorAnnotations.SYNC_PERIOD + "]", TextNode.valueOf(value == null ? "" : value),
                    "must be " + GoDuration.SYNC_PERIOD_FORMS + " (it overrides AZURE_SYNC_PERIOD for this resource)");
        }
    }
}
