package dev.aso.controller.arm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What it takes to resume polling a long-running ARM operation after a restart: the polling strategy chosen on
 * the first response and the azure-core polling-context entries it uses (operation URL, request URL, method), plus
 * the generation of the spec that was sent and when the operation started (for its deadline). Stored as JSON in
 * the resource's {@code serviceoperator.azure.com/poller-resume-token} annotation.
 *
 * @param operation  PUT or DELETE: what the operation does to the resource
 * @param strategy   {@code operation} (Azure-AsyncOperation), {@code location} (Location) or {@code resource}
 *                   (GET the resource until its provisioningState is terminal)
 * @param generation the object's metadata.generation when the request was sent (0: unknown)
 * @param started    when the request was sent (null: unknown, the deadline then counts from now)
 */
public record OperationState(String operation, String strategy, Map<String, String> data, long generation, Instant started) {

    /** The polling-context entries that hold URLs: each is polled with the credential's token. */
    static final java.util.List<String> URL_KEYS = java.util.List.of(OperationPoller.OPERATION_HEADER, "Location",
            "requestURL", "resourceLocation");

    public OperationState {
        data = Map.copyOf(data);
    }

    public OperationState(String operation, String strategy, Map<String, String> data) {
        this(operation, strategy, data, 0, null);
    }

    /** This state, recording the generation that was sent and when. */
    public OperationState sentAt(long sentGeneration, Instant at) {
        return new OperationState(operation, strategy, data, sentGeneration, at);
    }

    OperationState withData(Map<String, String> newData) {
        return new OperationState(operation, strategy, newData, generation, started);
    }

    /**
     * The first URL of this state that is not on {@code client}'s ARM endpoint (https, same host and port), if any:
     * such a state is never polled, since polling sends the credential's bearer token to that URL.
     */
    public Optional<String> foreignUrl(ArmClient client) {
        return URL_KEYS.stream().map(data::get).filter(u -> u != null && !client.isOwnUrl(u)).findFirst();
    }

    public String toToken() {
        ObjectNode node = ArmClient.JSON.createObjectNode().put("operation", operation).put("strategy", strategy);
        if (generation > 0) {
            node.put("generation", generation);
        }
        if (started != null) {
            node.put("started", started.toString());
        }
        ObjectNode d = node.putObject("data");
        new TreeMap<>(data).forEach(d::put);
        return node.toString();
    }

    /** The state in a token, or empty when the token is absent or unreadable (then the operation is started again). */
    public static Optional<OperationState> fromToken(String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        try {
            JsonNode node = ArmClient.JSON.readTree(token);
            Map<String, String> data = new LinkedHashMap<>();
            node.path("data").fields().forEachRemaining(e -> data.put(e.getKey(), e.getValue().asText()));
            String operation = node.path("operation").asText("");
            String strategy = node.path("strategy").asText("");
            return operation.isEmpty() || strategy.isEmpty() ? Optional.empty()
                    : Optional.of(new OperationState(operation, strategy, data, node.path("generation").asLong(0),
                            instant(node.path("started").asText(""))));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    private static Instant instant(String text) {
        try {
            return text.isEmpty() ? null : Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
