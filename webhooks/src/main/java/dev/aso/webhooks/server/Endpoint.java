package dev.aso.webhooks.server;

import com.fasterxml.jackson.databind.JsonNode;

/** One webhook path: turns a parsed review into the review to answer with. Must be thread-safe. */
public interface Endpoint {

    /**
     * @return the parts of a review body this endpoint reads: the server builds tree nodes for these only (the rest
     * is still checked for syntax); the whole body by default
     */
    default Selection reads() {
        return Selection.ALL;
    }

    /**
     * @param body the request body, parsed
     * @return the response body, and whether it refuses what was asked (a denial or a failed conversion)
     * @throws BadRequestException when the body is not a review this endpoint can answer (HTTP 400)
     */
    Result handle(JsonNode body) throws BadRequestException;

    record Result(JsonNode body, boolean rejected) {
    }
}
