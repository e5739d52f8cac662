package dev.aso.webhooks.admission.rules;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aso.webhooks.admission.AdmissionRequest;
import dev.aso.webhooks.admission.FieldErrors;
import dev.aso.webhooks.admission.SpecWalker;
import dev.aso.webhooks.admission.ValidationRule;

/** A value and its {@code <name>FromConfig} sibling are alternatives: at most one of them may be set. */
public final class FromConfigRule implements ValidationRule {

    @Override
    public void check(AdmissionRequest request, FieldErrors errors) {
        SpecWalker.walk(request.kind().shape().root(), request.spec(), new SpecWalker.Visitor() {
            @Override
            public void fromConfig(String path, JsonNode parent, String field) {
                if (SpecWalker.isSet(parent, field) && SpecWalker.isSet(parent, field + "FromConfig")) {
                    errors.forbidden(path + "." + field + "FromConfig", "cannot be set together with " + path + "."
                            + field + "; set the value directly or read it from a ConfigMap, not both");
                }
            }
        });
    }
}
