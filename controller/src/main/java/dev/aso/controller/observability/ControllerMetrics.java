package dev.aso.controller.observability;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;

/**
 * The controller's Prometheus metrics: ASO's {@code azure_*} request metrics (recorded by {@link ArmMetricsPolicy}),
 * reconcile counts and durations per kind and result, time from creation to first Ready, and drift found on resync.
 */
public final class ControllerMetrics {

    private final MeterRegistry registry;

    public ControllerMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public MeterRegistry registry() {
        return registry;
    }

    public void armRequest(String resourceType, String method, int status, Duration took) {
        Timer.builder("azure_requests_time_seconds").description("Time of requests to Azure Resource Manager")
                .tag("resource", resourceType).tag("requestOperation", method).register(registry).record(took);
        if (status > 0 && status < 400) {
            Counter.builder("azure_successful_requests_total").description("Successful requests to Azure Resource Manager")
                    .tag("resource", resourceType).tag("requestOperation", method).tag("responseCode", Integer.toString(status))
                    .register(registry).increment();
        } else {
            Counter.builder("azure_failed_requests_total").description("Failed requests to Azure Resource Manager")
                    .tag("resource", resourceType).tag("requestOperation", method)
                    .tag("responseCode", Integer.toString(status)).register(registry).increment();
        }
    }

    /** @param result success, requeue (in progress or waiting), warning (retryable error) or error */
    public void reconcile(String kind, String result, Duration took) {
        Timer.builder("aso_reconcile_duration_seconds").description("Time of one reconcile")
                .tag("kind", kind).tag("result", result).register(registry).record(took);
    }

    public void timeToReady(String kind, Duration took) {
        Timer.builder("aso_time_to_ready_seconds").description("Time from creation of a resource to its first Ready")
                .tag("kind", kind).register(registry).record(took);
    }

    public void drift(String kind) {
        Counter.builder("aso_drift_total").description("Resyncs that found the Azure resource differing from the spec")
                .tag("kind", kind).register(registry).increment();
    }

    public void armWriteAvoided(String kind) {
        Counter.builder("aso_resync_writes_avoided_total")
                .description("Resyncs that found Azure in line with the spec and skipped the PUT").tag("kind", kind)
                .register(registry).increment();
    }
}
