package dev.aso.webhooks.admission.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.aso.webhooks.admission.AdmissionRequest;
import dev.aso.webhooks.admission.FieldErrors;
import dev.aso.webhooks.admission.SpecWalker;
import dev.aso.webhooks.admission.ValidationRule;
import dev.aso.webhooks.metadata.ArmResourceType;

import java.util.List;

/**
 * Every resource reference (the owner included) names its target one way: {@code armId} for a resource outside
 * Kubernetes, or its local fields ({@code group}, {@code kind}, {@code name}) for one in the same namespace, or, where
 * the reference has it, {@code wellKnownName} (a name Azure knows: a built-in role's, a container app's {@code system}).
 */
public final class ReferenceRule implements ValidationRule {

    static final String ARM_ID_EXAMPLE =
            "/subscriptions/<subscription>/resourceGroups/<group>/providers/<namespace>/<type>/<name>";

    @Override
    public void check(AdmissionRequest request, FieldErrors errors) {
        SpecWalker.walk(request.kind().shape().root(), request.spec(), new SpecWalker.Visitor() {
            @Override
            public void reference(String path, JsonNode value, List<String> localFields) {
                checkReference(path, value, localFields, errors);
            }
        });
    }

    private static void checkReference(String path, JsonNode value, List<String> localFields, FieldErrors errors) {
        if (!value.isObject()) {
            return; // a wrong type is reported by the schema check
        }
        String armId = SpecWalker.text(value, "armId");
        int set = 0;
        for (String field : localFields) {
            set += SpecWalker.text(value, field) != null ? 1 : 0;
        }
        if (SpecWalker.text(value, "wellKnownName") != null) {
            // ASO's WellKnownResourceReference (only where the schema has the field): a name Azure knows, alone
            if (armId != null || set > 0) {
                errors.invalid(path, value, "set wellKnownName (a name Azure knows), or armId, or "
                        + describe(localFields) + ", not several");
            }
            return;
        }
        if (armId != null && set > 0) {
            errors.invalid(path, value, "set either armId (for a resource outside Kubernetes) or "
                    + describe(localFields) + " (for a resource in this namespace), not both");
        } else if (armId == null && set == 0) {
            errors.required(path, "set armId (for a resource outside Kubernetes) or " + describe(localFields)
                    + " (for a resource in this namespace)");
        } else if (armId == null && set < localFields.size()) {
            for (String field : localFields) {
                if (SpecWalker.text(value, field) == null) {
                    errors.required(path + "." + field, describe(localFields)
                            + " are all needed to refer to a resource in this namespace");
                }
            }
        } else if (armId != null && ArmResourceType.of(armId).isEmpty()) {
            errors.invalid(path + ".armId", TextNode.valueOf(armId), "must be an ARM resource id such as " + ARM_ID_EXAMPLE);
        }
    }

    private static String describe(List<String> fields) {
        if (fields.size() == 1) {
            return fields.get(0);
        }
        return String.join(", ", fields.subList(0, fields.size() - 1)) + " and " + fields.get(fields.size() - 1);
    }
}
