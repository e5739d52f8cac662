package dev.aso.webhooks.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aso.webhooks.metadata.KindVersion;
import dev.aso.webhooks.server.BadRequestException;
import dev.aso.webhooks.server.Endpoint;
import dev.aso.webhooks.server.Selection;
import dev.aso.webhooks.server.ReviewBody;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@code /mutate-...} or {@code /validate-...} path for one kind and version: reads an AdmissionReview
 * ({@code admission.k8s.io/v1} or {@code v1beta1}) and answers in the same version.
 */
public final class AdmissionEndpoint implements Endpoint {

    private static final List<String> VERSIONS = List.of("admission.k8s.io/v1", "admission.k8s.io/v1beta1");
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private final KindVersion kind;
    private final AdmissionStep step;
    private final Selection reads;

    public AdmissionEndpoint(KindVersion kind, AdmissionStep step) {
        this.kind = kind;
        this.step = step;
        this.reads = reads(step.specReads(kind));
    }

    /**
     * What is read of a review: its envelope, the requester's username, and of the objects their kind, name, the
     * annotations the rules read and the part of the spec the step reads. managedFields, labels, the
     * last-applied-configuration annotation, the rest of userInfo and the rest are never built into tree nodes.
     */
    private static Selection reads(Selection spec) {
        Selection all = Selection.ALL;
        Map<String, Selection> annotations = new HashMap<>();
        AdmissionRequest.READ_ANNOTATIONS.forEach(name -> annotations.put(name, all));
        Selection object = Selection.properties(Map.of("apiVersion", all, "kind", all,
                "metadata", Selection.properties(Map.of("name", all, "namespace", all,
                        "annotations", Selection.properties(annotations))),
                "spec", spec));
        return Selection.properties(Map.of("apiVersion", all, "kind", all,
                "request", Selection.properties(Map.of("uid", all, "operation", all,
                        "userInfo", Selection.properties(Map.of("username", all)), "object", object,
                        "oldObject", object))));
    }

    @Override
    public Selection reads() {
        return reads;
    }

    @Override
    public Result handle(JsonNode body) throws BadRequestException {
        ObjectNode request = ReviewBody.request(body, "AdmissionReview", VERSIONS);
        AdmissionResponse response = admit(request);
        ObjectNode review = JSON.objectNode();
        review.put("apiVersion", body.get("apiVersion").asText());
        review.put("kind", "AdmissionReview");
        review.set("response", write(request.get("uid").asText(), response));
        return new Result(review, !response.allowed());
    }

    private AdmissionResponse admit(ObjectNode request) {
        String operation = request.path("operation").asText("");
        ObjectNode object = request.get("object") instanceof ObjectNode o ? o : null;
        ObjectNode oldObject = request.get("oldObject") instanceof ObjectNode o ? o : null;
        switch (operation) {
            case "CREATE", "UPDATE" -> {
                if (object == null) {
                    return AdmissionResponse.badRequest("request.object is missing or not an object");
                }
                if (operation.equals("UPDATE") && oldObject == null) {
                    return AdmissionResponse.badRequest("request.oldObject is missing or not an object");
                }
                String problem = kindMismatch(object);
                if (problem != null) {
                    return AdmissionResponse.badRequest(problem);
                }
            }
            case "DELETE", "CONNECT" -> {
                return AdmissionResponse.allow(List.of());
            }
            default -> {
                return AdmissionResponse.badRequest("request.operation \"" + operation
                        + "\" is not one of CREATE, UPDATE, DELETE, CONNECT");
            }
        }
        String username = request.path("userInfo").path("username").asText("");
        return step.admit(new AdmissionRequest(operation, username, object, oldObject, kind));
    }

    private String kindMismatch(ObjectNode object) {
        String apiVersion = object.path("apiVersion").asText("");
        String objectKind = object.path("kind").asText("");
        if (apiVersion.equals(kind.apiVersion()) && objectKind.equals(kind.kind())) {
            return null;
        }
        return "this webhook handles " + kind.apiVersion() + " " + kind.kind() + ", not apiVersion \"" + apiVersion
                + "\" kind \"" + objectKind + "\"; check the webhook configuration's rules";
    }

    private static ObjectNode write(String uid, AdmissionResponse response) {
        ObjectNode out = JSON.objectNode();
        out.put("uid", uid);
        out.put("allowed", response.allowed());
        if (!response.allowed()) {
            ObjectNode status = out.putObject("status");
            status.putObject("metadata");
            status.put("status", "Failure");
            status.put("message", response.message());
            status.put("reason", response.code() == 403 ? "Forbidden" : "BadRequest");
            status.put("code", response.code());
        }
        if (response.patch() != null) {
            out.put("patchType", "JSONPatch");
            out.put("patch", Base64.getEncoder().encodeToString(response.patch().toString().getBytes(StandardCharsets.UTF_8)));
        }
        if (!response.warnings().isEmpty()) {
            response.warnings().forEach(out.putArray("warnings")::add);
        }
        return out;
    }
}
