package dev.aso.controller.reconcile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aso.controller.observability.Redactor;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchType;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Writes the status subresource: Azure's values (when given) plus the Ready condition, as one JSON patch, and
 * only when something changed, so a resync that finds nothing new writes nothing to Kubernetes either. The
 * condition's message (often ARM's or CEL's error text) is redacted by {@link Redactor} and bounded.
 */
final class StatusWriter {

    /** The Ready condition to set; severity null for Ready=True. */
    record Ready(boolean ready, String severity, String reason, String message) {
        static Ready succeeded() {
            return new Ready(true, null, "Succeeded", "");
        }
    }

    private static final int MAX_MESSAGE = 4_096;
    private final KubernetesClient kube;
    private final Clock clock;

    StatusWriter(KubernetesClient kube, Clock clock) {
        this.kube = kube;
        this.clock = clock;
    }

    /**
     * @param azureStatus the new status without conditions, or null to keep the current values
     * @return whether Ready turned True with this write
     */
    boolean write(KindBinding kind, ObjectNode obj, ObjectNode azureStatus, Ready ready) {
        JsonNode old = obj.path("status");
        ObjectNode built = azureStatus != null ? azureStatus.deepCopy()
                : old.isObject() ? ((ObjectNode) old).deepCopy() : Objects.JSON.createObjectNode();
        built.remove("conditions");
        built.set("conditions", conditions(old.path("conditions"), ready, obj.path("metadata").path("generation").asLong(0)));
        ObjectNode status = normalised(built);
        if (status.equals(old)) {
            return false;
        }
        ArrayNode patch = Objects.JSON.createArrayNode();
        patch.addObject().put("op", "add").put("path", "/status").set("value", status);
        Objects.patch(kube, kind.meta(), obj, PatchType.JSON, patch.toString(), true);
        boolean wasReady = Objects.isReady(obj);
        obj.set("status", status);
        return ready.ready() && !wasReady;
    }

    /** The node as it reads back from JSON (numbers as the parser types them), so equality with stored status holds. */
    private static ObjectNode normalised(ObjectNode node) {
        try {
            return (ObjectNode) Objects.JSON.readTree(node.toString());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Azure's and CEL's error texts can be long; a condition message is kept readable and the object small. */
    private static String bounded(String message) {
        return message.length() <= MAX_MESSAGE ? message : message.substring(0, MAX_MESSAGE) + "... (truncated)";
    }

    private ArrayNode conditions(JsonNode old, Ready ready, long generation) {
        ArrayNode out = Objects.JSON.createArrayNode();
        JsonNode previous = null;
        for (JsonNode c : old) {
            if ("Ready".equals(c.path("type").asText())) {
                previous = c;
            } else {
                out.add(c.deepCopy());
            }
        }
        String status = ready.ready() ? "True" : "False";
        ObjectNode c = out.insertObject(0);
        c.put("type", "Ready").put("status", status);
        if (ready.severity() != null) {
            c.put("severity", ready.severity());
        }
        c.put("reason", ready.reason());
        if (ready.message() != null && !ready.message().isEmpty()) {
            c.put("message", bounded(Redactor.redact(ready.message())));
        }
        boolean same = previous != null && status.equals(previous.path("status").asText())
                && previous.hasNonNull("lastTransitionTime");
        c.put("lastTransitionTime", same ? previous.path("lastTransitionTime").asText()
                : Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString());
        c.put("observedGeneration", generation);
        return out;
    }
}
