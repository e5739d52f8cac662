package dev.aso.webhooks.conversion;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aso.conversion.ConversionException;
import dev.aso.conversion.ObjectConverter;
import dev.aso.webhooks.server.BadRequestException;
import dev.aso.webhooks.server.Endpoint;
import dev.aso.webhooks.server.ReviewBody;

import java.util.List;
import java.util.Objects;

/**
 * {@code /convert}: a ConversionReview whose objects are each converted (through the hub) to
 * {@code desiredAPIVersion}. The answer keeps the objects' count and order, and each object's kind, name,
 * namespace and uid, as the apiserver requires; any object that cannot be converted fails the whole review.
 */
public final class ConversionEndpoint implements Endpoint {

    private static final List<String> VERSIONS = List.of("apiextensions.k8s.io/v1", "apiextensions.k8s.io/v1beta1");
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final ObjectConverter converter;

    public ConversionEndpoint(ObjectConverter converter) {
        this.converter = converter;
    }

    @Override
    public Result handle(JsonNode body) throws BadRequestException {
        ObjectNode request = ReviewBody.request(body, "ConversionReview", VERSIONS);
        ObjectNode response = JSON.objectNode();
        response.put("uid", request.get("uid").asText());
        String failure;
        try {
            response.set("convertedObjects", convertAll(request));
            failure = null;
        } catch (ConversionException e) {
            failure = e.getMessage();
        }
        ObjectNode result = response.putObject("result");
        result.putObject("metadata");
        result.put("status", failure == null ? "Success" : "Failure");
        if (failure != null) {
            result.put("message", failure);
        }
        ObjectNode review = JSON.objectNode();
        review.put("apiVersion", body.get("apiVersion").asText());
        review.put("kind", "ConversionReview");
        review.set("response", response);
        return new Result(review, failure != null);
    }

    private ArrayNode convertAll(ObjectNode request) throws ConversionException {
        String desired = request.path("desiredAPIVersion").asText("");
        if (desired.indexOf('/') <= 0) {
            throw new ConversionException("request.desiredAPIVersion \"" + desired + "\" is not a group/version");
        }
        JsonNode objects = request.path("objects");
        if (!objects.isArray()) {
            throw new ConversionException("request.objects is missing or not a list");
        }
        ArrayNode converted = JSON.arrayNode(objects.size());
        for (int i = 0; i < objects.size(); i++) {
            converted.add(convertOne(objects.get(i), i, desired));
        }
        return converted;
    }

    private JsonNode convertOne(JsonNode object, int index, String desired) throws ConversionException {
        if (!(object instanceof ObjectNode source)) {
            throw new ConversionException("request.objects[" + index + "] is not an object");
        }
        if (desired.equals(source.path("apiVersion").asText())) {
            return source;
        }
        ObjectNode result;
        try {
            result = converter.convert(source, desired);
        } catch (ConversionException e) {
            throw new ConversionException("cannot convert " + describe(source, index) + " to " + desired + ": " + e.getMessage());
        }
        String broken = brokenRule(source, result, desired);
        if (broken != null) {
            throw new ConversionException("converting " + describe(source, index) + " to " + desired + " " + broken);
        }
        return result;
    }

    /** The apiserver refuses a converted object that is not at the desired version or changed its identity. */
    private static String brokenRule(ObjectNode source, ObjectNode result, String desired) {
        if (result == null || !desired.equals(result.path("apiVersion").asText())) {
            return "did not produce an object of apiVersion " + desired;
        }
        if (!source.path("kind").equals(result.path("kind"))) {
            return "changed its kind";
        }
        for (String field : List.of("uid", "name", "namespace")) {
            if (!Objects.equals(source.path("metadata").get(field), result.path("metadata").get(field))) {
                return "changed its metadata." + field;
            }
        }
        return null;
    }

    private static String describe(JsonNode object, int index) {
        JsonNode metadata = object.path("metadata");
        String namespace = metadata.path("namespace").asText("");
        return "request.objects[" + index + "] (" + object.path("apiVersion").asText("?") + " "
                + object.path("kind").asText("?") + " " + (namespace.isEmpty() ? "" : namespace + "/")
                + metadata.path("name").asText("?") + ")";
    }
}
