package dev.aso.armemulator.graph;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.UUID;

/** A Microsoft Graph error: its HTTP status and Graph's body {@code {"error":{"code","message","innerError"}}}. */
public final class GraphError extends RuntimeException {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final int status;
    private final String code;

    public GraphError(int status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    static GraphError notFound(String id) {
        return new GraphError(404, "Request_ResourceNotFound", "Resource '" + id
                + "' does not exist or one of its queried reference-property objects are not present.");
    }

    static GraphError badRequest(String message) {
        return new GraphError(400, "Request_BadRequest", message);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public ObjectNode body(String clientRequestId) {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode error = body.putObject("error").put("code", code).put("message", getMessage());
        String requestId = UUID.randomUUID().toString();
        error.putObject("innerError").put("date", Instant.now().toString().replaceAll("\\.\\d+Z$", "Z"))
                .put("request-id", requestId).put("client-request-id", clientRequestId == null ? requestId : clientRequestId);
        return body;
    }
}
