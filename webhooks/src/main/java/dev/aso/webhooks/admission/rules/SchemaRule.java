package dev.aso.webhooks.admission.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.path.NodePath;
import dev.aso.webhooks.admission.AdmissionRequest;
import dev.aso.webhooks.admission.FieldErrors;
import dev.aso.webhooks.admission.ValidationRule;

/**
 * The spec against what the kind's generated JSON Schema says beyond its CRD schema (regular expressions Kubernetes
 * cannot evaluate, for one); kube-apiserver has checked the CRD schema before it asks this webhook.
 */
public final class SchemaRule implements ValidationRule {

    @Override
    public void check(AdmissionRequest request, FieldErrors errors) {
        Schema schema = request.kind().schema();
        if (schema == null) {
            return;
        }
        JsonNode spec = request.object().get("spec");
        for (Error error : schema.validate(spec == null ? JsonNodeFactory.instance.objectNode() : spec)) {
            String field = fieldPath(error.getInstanceLocation());
            String message = detail(error);
            if ("required".equals(error.getKeyword()) && error.getProperty() != null) {
                errors.required(field + "." + error.getProperty(), message);
            } else {
                errors.invalid(field, error.getInstanceNode(), message);
            }
        }
    }

    private static String fieldPath(NodePath location) {
        StringBuilder path = new StringBuilder("spec");
        for (int i = 0; i < location.getNameCount(); i++) {
            Object element = location.getElement(i);
            if (element instanceof Number) {
                path.append('[').append(element).append(']');
            } else {
                path.append('.').append(element);
            }
        }
        return path.toString();
    }

    /** networknt's message without the location it starts with (the field path already says where). */
    private static String detail(Error error) {
        String message = error.getMessage();
        String location = error.getInstanceLocation().toString() + ": ";
        return message.startsWith(location) ? message.substring(location.length()) : message;
    }
}
