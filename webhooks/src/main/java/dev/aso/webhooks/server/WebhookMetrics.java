package dev.aso.webhooks.server;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Per-webhook meters: {@code aso_webhook_requests_total{webhook,code}},
 * {@code aso_webhook_request_duration_seconds{webhook}} (histogram), {@code aso_webhook_requests_in_flight{webhook}},
 * {@code aso_webhook_rejected_total{webhook}} (denied admissions, failed conversions) and
 * {@code aso_webhook_failed_total{webhook}} (requests that ended in an internal error); and for the whole server
 * {@code aso_webhook_connections}, {@code aso_webhook_connections_refused_total} and
 * {@code aso_webhook_body_bytes_in_flight} ({@link #server}).
 */
public final class WebhookMetrics {

    private final MeterRegistry registry;
    private final Map<String, ForWebhook> byWebhook = new ConcurrentHashMap<>();

    public WebhookMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** The server-wide meters of its limits. */
    void server(ConnectionLimit connections, BodyBudget budget) {
        Gauge.builder("aso_webhook_connections", connections, ConnectionLimit::open)
                .description("HTTPS connections open").register(registry);
        FunctionCounter.builder("aso_webhook_connections_refused", connections, ConnectionLimit::refused)
                .description("HTTPS connections closed on arrival: --max-connections were open").register(registry);
        Gauge.builder("aso_webhook_body_bytes_in_flight", budget, BodyBudget::held)
                .description("bytes of request bodies held, of --max-body-bytes-in-flight").register(registry);
    }

    public ForWebhook webhook(String webhook) {
        return byWebhook.computeIfAbsent(webhook, ForWebhook::new);
    }

    /** The meters of one webhook path; thread-safe. */
    public final class ForWebhook {
        private final String webhook;
        private final AtomicInteger inFlight = new AtomicInteger();
        private final Timer latency;
        private final Counter rejected;
        private final Counter failed;
        private final Map<Integer, Counter> requests = new ConcurrentHashMap<>();

        private ForWebhook(String webhook) {
            this.webhook = webhook;
            Gauge.builder("aso_webhook_requests_in_flight", inFlight, AtomicInteger::get)
                    .description("requests being handled").tag("webhook", webhook).register(registry);
            latency = Timer.builder("aso_webhook_request_duration")
                    .description("time from the request's arrival to its answer").tag("webhook", webhook)
                    .publishPercentileHistogram().minimumExpectedValue(Duration.ofNanos(100_000))
                    .maximumExpectedValue(Duration.ofSeconds(10)).register(registry);
            rejected = Counter.builder("aso_webhook_rejected").description("denied admissions and failed conversions")
                    .tag("webhook", webhook).register(registry);
            failed = Counter.builder("aso_webhook_failed").description("requests that ended in an internal error")
                    .tag("webhook", webhook).register(registry);
        }

        /** @return the start time to hand to {@link #finish} */
        public long start() {
            inFlight.incrementAndGet();
            return System.nanoTime();
        }

        public void finish(long start, int status, boolean wasRejected) {
            inFlight.decrementAndGet();
            latency.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            requests.computeIfAbsent(status, code -> Counter.builder("aso_webhook_requests")
                    .description("requests answered, by HTTP status").tag("webhook", webhook)
                    .tag("code", Integer.toString(code)).register(registry)).increment();
            if (wasRejected) {
                rejected.increment();
            }
            if (status >= 500) {
                failed.increment();
            }
        }
    }
}
