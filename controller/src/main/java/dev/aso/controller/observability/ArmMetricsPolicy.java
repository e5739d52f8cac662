package dev.aso.controller.observability;

import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpPipelineNextPolicy;
import com.azure.core.http.HttpPipelineNextSyncPolicy;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.HttpPipelinePolicy;
import dev.aso.controller.reconcile.ArmIds;
import reactor.core.publisher.Mono;

import java.time.Duration;

/** Records ASO's azure_* metrics for every request that goes through an ARM pipeline. */
public final class ArmMetricsPolicy implements HttpPipelinePolicy {

    private final ControllerMetrics metrics;

    public ArmMetricsPolicy(ControllerMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public HttpResponse processSync(HttpPipelineCallContext context, HttpPipelineNextSyncPolicy next) {
        long start = System.nanoTime();
        int status = 0;
        try {
            HttpResponse response = next.processSync();
            status = response.getStatusCode();
            return response;
        } finally {
            record(context, status, start);
        }
    }

    @Override
    public Mono<HttpResponse> process(HttpPipelineCallContext context, HttpPipelineNextPolicy next) {
        long start = System.nanoTime();
        return next.process().doOnNext(r -> record(context, r.getStatusCode(), start))
                .doOnError(e -> record(context, 0, start));
    }

    private void record(HttpPipelineCallContext context, int status, long start) {
        metrics.armRequest(ArmIds.typeOf(context.getHttpRequest().getUrl().getPath()),
                context.getHttpRequest().getHttpMethod().name(), status, Duration.ofNanos(System.nanoTime() - start));
    }
}
