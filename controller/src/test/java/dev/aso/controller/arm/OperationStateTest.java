package dev.aso.controller.arm;

import com.azure.core.http.HttpPipelineBuilder;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The resume token keeps what was sent and when, and names only URLs on the ARM endpoint that are then polled. */
class OperationStateTest {

    static final ArmClient ARM = new ArmClient(new HttpPipelineBuilder().build(), URI.create("https://management.azure.com/"), "s");

    @Test
    void onlyHttpsUrlsOnTheEndpointsHostAndPortAreOwn() {
        assertThat(ARM.isOwnUrl("https://management.azure.com/subscriptions/s/operations/1?api-version=1")).isTrue();
        assertThat(ARM.isOwnUrl("https://MANAGEMENT.azure.com:443/x")).isTrue();
        assertThat(ARM.isOwnUrl("http://management.azure.com/x")).as("plain http").isFalse();
        assertThat(ARM.isOwnUrl("https://management.azure.com:8443/x")).as("another port").isFalse();
        assertThat(ARM.isOwnUrl("https://management.azure.com.evil.example/x")).as("another host").isFalse();
        assertThat(ARM.isOwnUrl("https://evil.example@management.azure.com/x")).as("user info").isFalse();
        assertThat(ARM.isOwnUrl("https://evil.example/management.azure.com")).isFalse();
        assertThat(ARM.isOwnUrl("not a url")).isFalse();
    }

    @Test
    void aTokenWithAForeignUrlIsNamedAndNeverPolled() {
        OperationState forged = new OperationState("PUT", "operation", Map.of(OperationPoller.OPERATION_HEADER,
                "https://management.azure.com/ok", "requestURL", "https://attacker.example/x"));
        assertThat(forged.foreignUrl(ARM)).contains("https://attacker.example/x");
        OperationPoller.Step step = OperationPoller.poll(ARM, forged);
        assertThat(step.failed()).isTrue();
        assertThat(step.error().code()).isEqualTo(OperationPoller.UNTRUSTED_URL);
        assertThat(new OperationState("PUT", "operation", Map.of(OperationPoller.OPERATION_HEADER,
                "https://management.azure.com/ok")).foreignUrl(ARM)).isEmpty();
    }

    @Test
    void theTokenRoundTripsTheSentGenerationAndStart() {
        Instant at = Instant.parse("2026-12-02T10:00:00Z");
        OperationState state = new OperationState("PUT", "location", Map.of("Location", "https://management.azure.com/l"))
                .sentAt(3, at);
        assertThat(OperationState.fromToken(state.toToken())).contains(state);
        assertThat(OperationState.fromToken("{\"operation\":\"PUT\",\"strategy\":\"resource\",\"data\":{}}").orElseThrow())
                .satisfies(s -> {
                    assertThat(s.generation()).isZero();
                    assertThat(s.started()).isNull();
                });
        assertThat(OperationState.fromToken("{\"operation\":\"PUT\",\"strategy\":\"resource\",\"started\":\"yesterday\"}")
                .orElseThrow().started()).isNull();
    }
}
