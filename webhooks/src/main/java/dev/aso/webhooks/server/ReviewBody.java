package dev.aso.webhooks.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/** Checks shared by the admission and conversion endpoints on the envelope of a review. */
public final class ReviewBody {

    private ReviewBody() {
    }

    /** @return {@code body.request}, after checking apiVersion, kind and {@code request.uid} */
    public static ObjectNode request(JsonNode body, String kind, List<String> apiVersions) throws BadRequestException {
        if (!body.isObject()) {
            throw new BadRequestException("request body must be a " + kind + " object");
        }
        String apiVersion = body.path("apiVersion").asText("");
        if (!apiVersions.contains(apiVersion) || !kind.equals(body.path("kind").asText(""))) {
            throw new BadRequestException("expected a " + kind + " of apiVersion " + String.join(" or ", apiVersions)
                    + ", got apiVersion \"" + apiVersion + "\" kind \"" + body.path("kind").asText("") + "\"");
        }
        if (!(body.get("request") instanceof ObjectNode request)) {
            throw new BadRequestException(kind + " has no request object");
        }
        JsonNode uid = request.get("uid");
        if (uid == null || !uid.isTextual() || uid.asText().isEmpty()) {
            throw new BadRequestException(kind + " request has no uid");
        }
        return request;
    }
}
