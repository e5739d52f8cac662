package dev.aso.webhooks.admission.rules;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aso.api.meta.OperatorAnnotations;
import dev.aso.webhooks.admission.AdmissionRequest;
import dev.aso.webhooks.admission.FieldErrors;
import dev.aso.webhooks.admission.ValidationRule;

import java.util.Objects;

/**
 * Once the resource exists in Azure (its {@code serviceoperator.azure.com/resource-id} annotation is set), its
 * Azure name and its owner are fixed.
 */
public final class WriteOnceRule implements ValidationRule {

    private static final String WHY = "cannot change once the resource exists in Azure ("
            + OperatorAnnotations.RESOURCE_ID + " is set); ";

    @Override
    public void check(AdmissionRequest request, FieldErrors errors) {
        if (!request.isUpdate() || isEmpty(AdmissionRequest.annotation(request.oldObject(), OperatorAnnotations.RESOURCE_ID))) {
            return;
        }
        JsonNode oldSpec = request.oldObject().path("spec");
        JsonNode newSpec = request.spec();
        if (request.kind().shape().hasAzureName()
                && !Objects.equals(oldSpec.path("azureName").asText(""), newSpec.path("azureName").asText(""))) {
            errors.forbidden("spec.azureName", WHY + "set it back to \"" + oldSpec.path("azureName").asText("")
                    + "\", or create a new resource to use another name");
        }
        if (request.kind().shape().hasOwner()) {
            checkOwner(present(oldSpec.get("owner")), present(newSpec.get("owner")), errors);
        }
    }

    private static void checkOwner(JsonNode oldOwner, JsonNode newOwner, FieldErrors errors) {
        if (oldOwner == null && newOwner != null) {
            errors.forbidden("spec.owner", WHY + "an owner cannot be added; remove it, or create a new resource");
        } else if (oldOwner != null && newOwner == null) {
            errors.forbidden("spec.owner", WHY + "the owner cannot be removed; set it back to " + oldOwner);
        } else if (oldOwner != null && !oldOwner.equals(newOwner)) {
            errors.forbidden("spec.owner", WHY + "set it back to " + oldOwner + ", or create a new resource");
        }
    }

    private static JsonNode present(JsonNode node) {
        return node == null || node.isNull() ? null : node;
    }

    private static boolean isEmpty(String value) {
        return value == null || value.isEmpty();
    }
}
