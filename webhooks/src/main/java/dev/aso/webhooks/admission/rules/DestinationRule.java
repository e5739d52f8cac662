package dev.aso.webhooks.admission.rules;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aso.webhooks.admission.AdmissionRequest;
import dev.aso.webhooks.admission.FieldErrors;
import dev.aso.webhooks.admission.SpecWalker;
import dev.aso.webhooks.admission.ValidationRule;
import dev.aso.webhooks.metadata.Destination;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/** No two {@code spec.operatorSpec} destinations may write the same key of the same Secret or ConfigMap. */
public final class DestinationRule implements ValidationRule {

    private static final String BASE = "spec.operatorSpec.";

    @Override
    public void check(AdmissionRequest request, FieldErrors errors) {
        JsonNode operatorSpec = request.spec().path("operatorSpec");
        if (!operatorSpec.isObject()) {
            return;
        }
        Map<Target, String> firstWriter = new HashMap<>();
        for (Destination destination : request.kind().shape().destinations()) {
            JsonNode entries = operatorSpec.path(destination.property());
            String path = BASE + destination.property();
            if (destination.list() && entries.isArray()) {
                for (int i = 0; i < entries.size(); i++) {
                    record(destination, entries.get(i), path + "[" + i + "]", firstWriter, errors);
                }
            } else if (!destination.list() && entries.isObject()) {
                for (Iterator<Map.Entry<String, JsonNode>> it = entries.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> entry = it.next();
                    record(destination, entry.getValue(), path + "." + entry.getKey(), firstWriter, errors);
                }
            }
        }
    }

    /** One key of one Secret or ConfigMap. */
    private record Target(String kind, String name, String key) {
        @Override
        public String toString() {
            return kind + " \"" + name + "\" key \"" + key + "\"";
        }
    }

    private static void record(Destination destination, JsonNode entry, String path, Map<Target, String> firstWriter,
                               FieldErrors errors) {
        String name = entry.isObject() ? SpecWalker.text(entry, "name") : null;
        String key = entry.isObject() ? SpecWalker.text(entry, "key") : null;
        if (name == null || key == null) {
            return; // incomplete destinations are refused by the CRD schema
        }
        Target target = new Target(destination.target(), name, key);
        String previous = firstWriter.putIfAbsent(target, path);
        if (previous != null) {
            errors.duplicate(path, entry, target + " is already written by " + previous
                    + "; choose another name or key for one of them");
        }
    }
}
