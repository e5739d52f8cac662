package dev.aso.controller.arm;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.rest.Response;
import com.azure.core.util.BinaryData;
import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.Optional;

/** A successful ARM answer: the status, the parsed body (a missing node when empty) and the azure-core response. */
public record ArmResponse(int status, JsonNode body, Response<BinaryData> raw) {

    public Optional<String> header(String name) {
        return Optional.ofNullable(raw.getHeaders().getValue(HttpHeaderName.fromString(name)));
    }

    public Optional<Duration> retryAfter() {
        return header("Retry-After").flatMap(RetryAfter::parse);
    }
}
