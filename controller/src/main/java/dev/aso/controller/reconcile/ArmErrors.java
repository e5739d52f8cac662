package dev.aso.controller.reconcile;

import dev.aso.controller.arm.ArmException;

import java.util.Set;

/**
 * Sorts ARM errors as ASO does: request errors that only a spec change can fix are Error (no retry); everything
 * else (conflicts, missing parents, throttling, server errors, unknown codes) is Warning and retried with backoff,
 * or after Retry-After when ARM sent one. The reason is ARM's code and the message ARM's message.
 */
public final class ArmErrors {

    /** ARM codes meaning "this request will never succeed as it is". */
    private static final Set<String> FATAL = Set.of(
            "BadRequest", "BadRequestFormat", "InvalidParameter", "InvalidParameterValue", "InvalidRequestContent",
            "InvalidRequestFormat", "InvalidTemplate", "InvalidTemplateDeployment", "InvalidValuesForRequestParameters",
            "InvalidResourceLocation", "InvalidResourceGroupLocation", "InvalidResourceName", "InvalidResourceGroup",
            "InvalidResourceType", "InvalidResourceNamespace", "InvalidApiVersionParameter", "LinkedInvalidPropertyId",
            "LocationRequired", "LocationNotAvailableForResourceType", "MissingApiVersionParameter",
            "MissingRequiredParameter", "MissingSubscriptionRegistration", "NoRegisteredProviderFound", "PasswordTooLong",
            "PrincipalNotFound", "PublicIpForGatewayIsRequired", "SubscriptionNotRegistered", "SkuNotAvailable",
            "PropertyChangeNotAllowed", "ReadOnlyDisabledSubscription", "SubscriptionNotFound");

    private ArmErrors() {
    }

    public static ReconcileStop classify(ArmException e) {
        if (FATAL.contains(e.code())) {
            return ReconcileStop.ofArmError(ReconcileStop.Severity.ERROR, e, null);
        }
        return ReconcileStop.ofArmError(ReconcileStop.Severity.WARNING, e, e.retryAfter().orElse(null));
    }
}
