package dev.aso.webhooks.admission.rules;

import dev.aso.webhooks.admission.AdmissionRequest;
import dev.aso.webhooks.admission.FieldErrors;
import dev.aso.webhooks.admission.ValidationRule;

import java.util.List;

/**
 * The {@code serviceoperator.azure.com/reconcile-policy} annotation, when present, must be a policy the controller
 * knows. ASO ignores a bad value silently (and manages the resource); this refuses it instead.
 */
public final class ReconcilePolicyRule implements ValidationRule {

    static final List<String> POLICIES = List.of("manage", "skip", "detach-on-delete");

    @Override
    public void check(AdmissionRequest request, FieldErrors errors) {
        if (!request.object().path("metadata").path("annotations").has(AdmissionRequest.RECONCILE_POLICY)) {
            return;
        }
        String policy = AdmissionRequest.annotation(request.object(), AdmissionRequest.RECONCILE_POLICY);
        if (policy == null || !POLICIES.contains(policy)) {
            errors.notSupported("metadata.annotations[" + AdmissionRequest.RECONCILE_POLICY + "]",
                    policy == null ? "" : policy, POLICIES);
        }
    }
}
