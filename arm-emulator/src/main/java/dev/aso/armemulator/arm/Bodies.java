package dev.aso.armemulator.arm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aso.armemulator.types.BodyValidator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Request bodies: parsing, ARM's InvalidRequestContent answers, PATCH merging, location normalising. */
final class Bodies {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Bodies() {
    }

    static void normalizeLocation(ObjectNode body) {
        JsonNode loc = body.get("location");
        if (loc != null && loc.isTextual()) {
            body.put("location", loc.asText().replace(" ", "").toLowerCase(Locale.ROOT));
        }
    }

    /** JSON merge of a PATCH: objects merge key by key (tags are replaced whole), other values replace. */
    static void merge(ObjectNode target, ObjectNode patch) {
        patch.fields().forEachRemaining(e -> {
            JsonNode cur = target.get(e.getKey());
            if (e.getValue().isObject() && cur instanceof ObjectNode curObj && !e.getKey().equals("tags")) {
                merge(curObj, (ObjectNode) e.getValue());
            } else {
                target.set(e.getKey(), e.getValue());
            }
        });
    }

    static ObjectNode parse(String body) {
        if (body == null || body.isBlank()) {
            throw ArmException.invalidContent("The request content was invalid and could not be deserialized: the body is empty.", List.of());
        }
        try {
            JsonNode n = JSON.readTree(body);
            if (!(n instanceof ObjectNode o)) {
                throw ArmException.invalidContent("The request content was invalid and could not be deserialized: expected a JSON object.", List.of());
            }
            return o;
        } catch (JsonProcessingException e) {
            throw ArmException.invalidContent("The request content was invalid and could not be deserialized: "
                    + e.getOriginalMessage() + " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ").", List.of());
        }
    }

    static void reject(BodyValidator.Result result) {
        if (result.ok()) {
            return;
        }
        List<ObjectNode> details = new ArrayList<>();
        for (BodyValidator.Violation v : result.violations()) {
            details.add(JSON.createObjectNode().put("code", "InvalidRequestContent").put("target", v.path())
                    .put("message", "Property '" + v.path() + "' " + v.message() + "."));
        }
        List<String> shown = result.violations().stream().limit(5).map(BodyValidator.Violation::toString).toList();
        String more = result.violations().size() > 5 ? " (and " + (result.violations().size() - 5) + " more)" : "";
        throw ArmException.invalidContent("The request content was invalid: " + String.join("; ", shown) + more + ".", details);
    }
}
