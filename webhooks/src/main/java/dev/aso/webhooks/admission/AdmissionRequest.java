package dev.aso.webhooks.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aso.api.meta.OperatorAnnotations;
import dev.aso.webhooks.metadata.KindVersion;

import java.util.List;
import java.util.stream.Stream;

/**
 * The parts of an AdmissionReview request the admission steps use.
 *
 * @param operation CREATE, UPDATE, DELETE or CONNECT
 * @param username  {@code request.userInfo.username}: who asks ("" when absent)
 * @param object    the object as sent (raw JSON, unknown fields included), of which only apiVersion, kind,
 *                  metadata.name and namespace, the annotations {@link #READ_ANNOTATIONS}, and the part of the spec the step reads
 *                  ({@link AdmissionStep#specReads}); null on DELETE
 * @param oldObject the object before an UPDATE, read as {@code object}; null otherwise
 * @param kind      the kind and version the webhook path serves
 */
public record AdmissionRequest(String operation, String username, ObjectNode object, ObjectNode oldObject,
                               KindVersion kind) {

    /** The annotations the rules read: the reconcile policy, the sync period and every operator-owned one. */
    public static final List<String> READ_ANNOTATIONS = Stream.concat(
            Stream.of(OperatorAnnotations.RECONCILE_POLICY, OperatorAnnotations.SYNC_PERIOD),
            OperatorAnnotations.OPERATOR_OWNED.stream()).toList();

    public boolean isCreate() {
        return "CREATE".equals(operation);
    }

    public boolean isUpdate() {
        return "UPDATE".equals(operation);
    }

    public JsonNode spec() {
        return object.path("spec");
    }

    public String name() {
        return object.path("metadata").path("name").asText("");
    }

    /** @return the annotation's value on {@code node}, or null when absent or not a string */
    public static String annotation(JsonNode node, String name) {
        JsonNode value = node == null ? null : node.path("metadata").path("annotations").get(name);
        return value != null && value.isTextual() ? value.asText() : null;
    }
}
