package dev.aso.controller.arm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What it takes to resume polling a long-running ARM operation after a restart: the polling strategy chosen on
 * the first response and the azure-core polling-context entries it uses (operation URL, request URL, method).
 * Stored as JSON in the resource's {@code serviceoperator.azure.com/poller-resume-token} annotation.
 *
 * @param operation PUT or DELETE: what the operation does to the resource
 * @param strategy  {@code operation} (Azure-AsyncOperation), {@code location} (Location) or {@code resource}
 *                  (GET the resource until its provisioningState is terminal)
 */
public record OperationState(String operation, String strategy, Map<String, String> data) {

    public OperationState {
        data = Map.copyOf(data);
    }

    public String toToken() {
        ObjectNode node = ArmClient.JSON.createObjectNode().put("operation", operation).put("strategy", strategy);
        ObjectNode d = node.putObject("data");
        new java.util.TreeMap<>(data).forEach(d::put);
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
                    : Optional.of(new OperationState(operation, strategy, data));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }
}
