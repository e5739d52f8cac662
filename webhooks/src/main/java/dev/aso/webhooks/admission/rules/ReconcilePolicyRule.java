package dev.aso.webhooks.admission.rules;

import dev.aso.api.meta.OperatorAnnotations;
import dev.aso.api.meta.ReconcilePolicy;
import dev.aso.webhooks.admission.AdmissionRequest;
import dev.aso.webhooks.admission.FieldErrors;
import dev.aso.webhooks.admission.ValidationRule;

import java.util.Arrays;
import java.util.List;

/**
 * The {@code serviceoperator.azure.com/reconcile-policy} annotation, when present, must be a policy the controller
 * knows. ASO ignores a bad value silently (and manages the resource); this refuses it instead.
 */
public final class ReconcilePolicyRule implements ValidationRule {

    /** As written, lower case: the controller reads other spellings too, but they are refused here. */
    static final List<String> POLICIES = Arrays.stream(ReconcilePolicy.values()).map(ReconcilePolicy::value).toList();

    @Override
    public void check(AdmissionRequest request, FieldErrors errors) {
        if (!request.object().path("metadata").path("annotations").has(OperatorAnnotations.RECONCILE_POLICY)) {
            return;
        }
        String policy = AdmissionRequest.annotation(request.object(), OperatorAnnotations.RECONCILE_POLICY);
        if (policy == null || !POLICIES.contains(policy)) {
            errors.notSupported("metadata.annotations[" + OperatorAnnotations.RECONCILE_POLICY + "]",
                    policy == null ? "" : policy, POLICIES);
        }
    }
}
