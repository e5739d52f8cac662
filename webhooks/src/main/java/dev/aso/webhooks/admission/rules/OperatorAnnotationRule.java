package dev.aso.webhooks.admission.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.aso.api.meta.OperatorAnnotations;
import dev.aso.webhooks.admission.AdmissionRequest;
import dev.aso.webhooks.admission.FieldErrors;
import dev.aso.webhooks.admission.OperatorIdentities;
import dev.aso.webhooks.admission.ValidationRule;

import java.util.Map;
import java.util.Objects;

/**
 * The annotations the operator writes for itself ({@link OperatorAnnotations#OPERATOR_OWNED}) are set, changed and
 * removed by the operator alone: anyone else setting one on CREATE, or adding, changing or removing one on UPDATE, is
 * refused. Otherwise a user could point the operator at another Azure resource ({@code resource-id}) or at another
 * operation to poll ({@code poller-resume-token}), or rename it ({@code azure-name-from-config}).
 */
public final class OperatorAnnotationRule implements ValidationRule {

    private static final Map<String, String> WHY = Map.of(
            OperatorAnnotations.RESOURCE_ID, "it is written by the operator when it creates the Azure resource",
            OperatorAnnotations.POLLER_RESUME_TOKEN, "it is written by the operator while an Azure operation runs",
            OperatorAnnotations.AZURE_NAME_FROM_CONFIG, "it is written by the operator when it reads spec.azureNameFromConfig");
    private static final String WHY_OTHERWISE = "it is written by the operator for itself";

    private final OperatorIdentities operator;

    public OperatorAnnotationRule(OperatorIdentities operator) {
        this.operator = operator;
    }

    @Override
    public void check(AdmissionRequest request, FieldErrors errors) {
        if (operator.includes(request.username())) {
            return;
        }
        for (String name : OperatorAnnotations.OPERATOR_OWNED) {
            JsonNode now = annotation(request.object(), name);
            JsonNode before = request.isUpdate() ? annotation(request.oldObject(), name) : null;
            if (Objects.equals(now, before)) {
                continue;
            }
            String fix = before == null ? "remove it from your manifest"
                    : now == null ? "it cannot be removed; put it back as " + before
                    : "set it back to " + before;
            errors.forbidden("metadata.annotations[" + name + "]", "set by the operator only; " + fix + " ("
                    + WHY.getOrDefault(name, WHY_OTHERWISE) + ")");
        }
    }

    private static JsonNode annotation(JsonNode object, String name) {
        String value = AdmissionRequest.annotation(object, name);
        return value == null ? null : TextNode.valueOf(value);
    }
}
