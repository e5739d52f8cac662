package dev.aso.controller.arm;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.rest.Response;
import com.azure.core.util.BinaryData;
import com.azure.core.util.polling.LongRunningOperationStatus;
import com.azure.core.util.polling.PollResponse;
import com.azure.core.util.polling.PollingContext;
import com.azure.core.util.polling.PollingStrategyOptions;
import com.azure.core.util.polling.SyncLocationPollingStrategy;
import com.azure.core.util.polling.SyncOperationResourcePollingStrategy;
import com.azure.core.util.polling.SyncPoller;
import com.azure.core.util.polling.SyncPollingStrategy;
import com.azure.core.util.serializer.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Long-running ARM operations, one step at a time, with azure-core's polling strategies: {@link #start} reads the
 * first response into an {@link OperationState} (empty when the operation is already over), {@link #poll} makes one
 * poll. Between steps the reconciler keeps the state in an annotation and requeues, so no thread waits on Azure and
 * a restarted controller resumes the same operation instead of writing again.
 */
public final class OperationPoller {

    public static final String OPERATION_HEADER = "Azure-AsyncOperation";
    private static final TypeReference<BinaryData> BODY = TypeReference.createInstance(BinaryData.class);
    /** The polling-context entries azure-core's operation-resource and location strategies read and write. */
    private static final List<String> CONTEXT_KEYS = List.of(OPERATION_HEADER, "Location", "requestURL", "httpMethod",
            "resourceLocation");
    /** Where azure-core's strategies keep the last poll's body (not persisted: it is only read for the error). */
    private static final String POLL_RESPONSE_BODY = "pollResponseBody";
    private static final Set<String> TERMINAL = Set.of("succeeded", "failed", "canceled", "cancelled");
    private static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(5);
    /** The error code of a state whose URLs are off the ARM endpoint. */
    public static final String UNTRUSTED_URL = "UntrustedOperationUrl";

    private OperationPoller() {
    }

    /**
     * One poll's outcome: done (with an error when the operation failed) or running (poll again after
     * {@code retryAfter}; with an error when this poll itself failed, so the operation's state is unknown).
     */
    public record Step(boolean done, ArmException error, Duration retryAfter, OperationState state) {
        public boolean failed() {
            return done && error != null;
        }

        public boolean pollFailed() {
            return !done && error != null;
        }
    }

    /** The operation the first response of a PUT or DELETE started, or empty when the response is final. */
    public static Optional<OperationState> start(ArmClient client, String operation, ArmResponse first) {
        Response<BinaryData> raw = first.raw();
        OperationState started = null;
        if (raw.getHeaders().getValue(HttpHeaderName.fromString(OPERATION_HEADER)) != null) {
            started = activate(client, operation, "operation", raw);
        } else if (first.status() == 202 && raw.getHeaders().getValue(HttpHeaderName.LOCATION) != null) {
            started = activate(client, operation, "location", raw);
        }
        if (started != null) {
            // an operation URL off the ARM endpoint is never sent the token: follow the resource itself instead
            return Optional.of(started.foreignUrl(client).isEmpty() ? started
                    : new OperationState(operation, "resource", Map.of()));
        }
        String state = first.body().path("properties").path("provisioningState").asText("");
        if (operation.equals("PUT") && !state.isEmpty() && !TERMINAL.contains(state.toLowerCase(Locale.ROOT))) {
            return Optional.of(new OperationState(operation, "resource", Map.of()));
        }
        return Optional.empty();
    }

    /**
     * One poll of the operation. For the {@code resource} strategy the caller GETs the resource itself (see
     * {@link #resourceStep}).
     */
    public static Step poll(ArmClient client, OperationState state) {
        Optional<String> foreign = state.foreignUrl(client);
        if (foreign.isPresent()) {
            return new Step(true, new ArmException(0, UNTRUSTED_URL, "the operation's URL is not on Azure Resource Manager's"
                    + " endpoint " + client.endpointHost() + "; it is not polled", null), null, state);
        }
        SyncPollingStrategy<BinaryData, BinaryData> strategy = strategy(client, state.strategy());
        AtomicReference<PollResponse<BinaryData>> last = new AtomicReference<>();
        AtomicReference<Map<String, String>> data = new AtomicReference<>(state.data());
        AtomicReference<String> body = new AtomicReference<>();
        SyncPoller<BinaryData, BinaryData> poller = SyncPoller.createPoller(DEFAULT_INTERVAL,
                ctx -> {
                    state.data().forEach(ctx::setData);
                    return new PollResponse<>(LongRunningOperationStatus.IN_PROGRESS, null);
                },
                ctx -> {
                    PollResponse<BinaryData> r = strategy.poll(ctx, BODY);
                    last.set(r);
                    data.set(capture(ctx));
                    body.set(ctx.getData(POLL_RESPONSE_BODY));
                    return r;
                },
                (ctx, r) -> null, ctx -> null);
        try {
            poller.poll();
        } catch (RuntimeException e) {
            return failedPoll(client, state, e);
        }
        PollResponse<BinaryData> response = last.get();
        OperationState next = state.withData(data.get());
        LongRunningOperationStatus status = response.getStatus();
        if (status == LongRunningOperationStatus.SUCCESSFULLY_COMPLETED) {
            return new Step(true, null, null, next);
        }
        if (status == LongRunningOperationStatus.FAILED || status == LongRunningOperationStatus.USER_CANCELLED) {
            String text = body.get();
            return new Step(true, operationError(text != null ? BinaryData.fromString(text) : response.getValue()), null, next);
        }
        return new Step(false, null, interval(response.getRetryAfter()), next);
    }

    /** The step for the {@code resource} strategy, given the resource's current body. */
    public static Step resourceStep(OperationState state, JsonNode resource, Duration interval) {
        String s = resource.path("properties").path("provisioningState").asText("Succeeded");
        String lower = s.toLowerCase(Locale.ROOT);
        if (!TERMINAL.contains(lower)) {
            return new Step(false, null, interval, state);
        }
        if (lower.equals("succeeded")) {
            return new Step(true, null, null, state);
        }
        return new Step(true, new ArmException(200, "ProvisioningFailed", "the resource's provisioningState is " + s, null),
                null, state);
    }

    private static OperationState activate(ArmClient client, String operation, String strategyName, Response<BinaryData> first) {
        SyncPollingStrategy<BinaryData, BinaryData> strategy = strategy(client, strategyName);
        AtomicReference<Map<String, String>> data = new AtomicReference<>(Map.of());
        SyncPoller.<BinaryData, BinaryData>createPoller(DEFAULT_INTERVAL,
                ctx -> {
                    PollResponse<BinaryData> r = strategy.onInitialResponse(first, ctx, BODY);
                    data.set(capture(ctx));
                    return r;
                },
                ctx -> new PollResponse<>(LongRunningOperationStatus.IN_PROGRESS, null), (ctx, r) -> null, ctx -> null);
        return new OperationState(operation, strategyName, data.get());
    }

    private static SyncPollingStrategy<BinaryData, BinaryData> strategy(ArmClient client, String name) {
        PollingStrategyOptions options = new PollingStrategyOptions(client.pipeline())
                .setEndpoint(client.endpoint().toString());
        return switch (name) {
            case "operation" -> new SyncOperationResourcePollingStrategy<>(HttpHeaderName.fromString(OPERATION_HEADER), options);
            case "location" -> new SyncLocationPollingStrategy<>(options);
            default -> throw new IllegalArgumentException("no azure-core polling strategy for '" + name + "'");
        };
    }

    private static Map<String, String> capture(PollingContext<BinaryData> ctx) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String key : CONTEXT_KEYS) {
            String v = ctx.getData(key);
            if (v != null) {
                out.put(key, v);
            }
        }
        return out;
    }

    /**
     * A poll that azure-core could not complete: the operation URL is read once more to learn ARM's error (its
     * strategies do not keep it), so the resource shows why. 404: Azure no longer knows the operation.
     */
    private static Step failedPoll(ArmClient client, OperationState state, RuntimeException cause) {
        String url = state.data().get(state.strategy().equals("operation") ? OPERATION_HEADER : "Location");
        ArmException error = new ArmException(0, "ConnectionError", "cannot poll the operation at " + client.endpointHost()
                + ": " + cause.getMessage(), null);
        if (url != null) {
            try {
                client.getUrl(url);
            } catch (ArmException e) {
                error = e;
            }
        }
        if (error.notFound()) {
            return new Step(true, new ArmException(404, "OperationNotFound", "Azure no longer knows the operation", null),
                    null, state);
        }
        return new Step(false, error, DEFAULT_INTERVAL, state);
    }

    private static ArmException operationError(BinaryData body) {
        JsonNode node = ArmClient.parse(body);
        JsonNode error = node.has("error") ? node.path("error") : node;
        String code = error.path("code").asText("");
        String message = error.path("message").asText("");
        return new ArmException(200, code.isEmpty() ? "OperationFailed" : code,
                message.isEmpty() ? "the long-running operation failed without an error message" : message, null);
    }

    private static Duration interval(Duration retryAfter) {
        return retryAfter == null || retryAfter.isZero() || retryAfter.isNegative() ? DEFAULT_INTERVAL : retryAfter;
    }
}
