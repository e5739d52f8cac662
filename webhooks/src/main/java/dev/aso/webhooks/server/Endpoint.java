package dev.aso.webhooks.server;

import com.fasterxml.jackson.databind.JsonNode;

/** One webhook path: turns a parsed review into the review to answer with. Must be thread-safe. */
public interface Endpoint {

    /**
     * @param body the request body, parsed
     * @return the response body, and whether it refuses what was asked (a denial or a failed conversion)
     * @throws BadRequestException when the body is not a review this endpoint can answer (HTTP 400)
     */
    Result handle(JsonNode body) throws BadRequestException;

    record Result(JsonNode body, boolean rejected) {
    }
}
