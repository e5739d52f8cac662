package dev.aso.controller.arm;

import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpPipelineNextPolicy;
import com.azure.core.http.HttpPipelineNextSyncPolicy;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.HttpPipelinePolicy;
import dev.aso.controller.settings.Settings;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.DoubleSupplier;

/**
 * ARM's throttling, kept on this side: one pair of token buckets (reads; writes and deletes) per subscription, in the
 * pipeline of one credential (so per subscription and principal, as ARM counts), shared by every kind. A request
 * waits for a token when one is due within {@link #MAX_WAIT}; otherwise it is not sent and fails as a 429 with the
 * wait as Retry-After ({@link Exhausted}), so the resource is looked at again then and no reconcile thread waits long.
 * With sharding, replicas split the subscription's budget: each has the share of its shards ({@code share}), so that
 * together they stay within what ARM allows.
 */
public final class ArmBudget implements HttpPipelinePolicy {

    static final Duration MAX_WAIT = Duration.ofSeconds(1);

    private final Settings.ArmBudget limits;
    private final DoubleSupplier share;
    private final Map<String, TokenBucket[]> bySubscription = new ConcurrentHashMap<>();

    /** @param share this replica's fraction of the budget, in (0, 1] (1 without sharding); read at every request */
    public ArmBudget(Settings.ArmBudget limits, DoubleSupplier share) {
        this.limits = limits;
        this.share = share;
    }

    /** A request the budget does not allow now; {@link #retryAfter()} says when it would. */
    public static final class Exhausted extends RuntimeException {
        /** The code of the {@code ArmException} (and so the reason shown) for a request the budget held back. */
        public static final String CODE = "RequestBudgetExhausted";

        private final Duration retryAfter;

        Exhausted(String message, Duration retryAfter) {
            super(message, null, false, false);
            this.retryAfter = retryAfter;
        }

        public Duration retryAfter() {
            return retryAfter;
        }
    }

    @Override
    public HttpResponse processSync(HttpPipelineCallContext context, HttpPipelineNextSyncPolicy next) {
        take(context);
        return next.processSync();
    }

    @Override
    public Mono<HttpResponse> process(HttpPipelineCallContext context, HttpPipelineNextPolicy next) {
        return Mono.defer(() -> {
            take(context);
            return next.process();
        });
    }

    private void take(HttpPipelineCallContext context) {
        HttpMethod method = context.getHttpRequest().getHttpMethod();
        boolean read = method == HttpMethod.GET || method == HttpMethod.HEAD;
        String subscription = subscription(context.getHttpRequest().getUrl().getPath());
        TokenBucket bucket = bySubscription.computeIfAbsent(subscription, s -> new TokenBucket[]{
                new TokenBucket(limits.readsPerSecond(), limits.readBucketSize(), share),
                new TokenBucket(limits.writesPerSecond(), limits.writeBucketSize(), share)})[read ? 0 : 1];
        long deadline = System.nanoTime() + MAX_WAIT.toNanos();
        for (Optional<Duration> wait = bucket.tryTake(); wait.isPresent(); wait = bucket.tryTake()) {
            if (System.nanoTime() + wait.get().toNanos() > deadline) {
                throw new Exhausted("the " + (read ? "read" : "write") + " budget of subscription " + subscription
                        + " is spent (" + (read ? limits.readsPerSecond() + "/s, bursts of " + limits.readBucketSize()
                        : limits.writesPerSecond() + "/s, bursts of " + limits.writeBucketSize()) + shareNote()
                        + "; not sent, retried later)",
                        wait.get().compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : wait.get());
            }
            try {
                Thread.sleep(Math.max(1, wait.get().toMillis()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Exhausted("interrupted while waiting for the ARM budget", MAX_WAIT);
            }
        }
    }

    private String shareNote() {
        double fraction = share.getAsDouble();
        return fraction >= 1 ? "" : String.format(Locale.ROOT, ", of which this replica's shards have %.0f %%",
                fraction * 100);
    }

    /** The subscription id of an ARM path ({@code /subscriptions/<id>/...}), lower case; empty for tenant-level paths. */
    static String subscription(String path) {
        String p = path.toLowerCase(Locale.ROOT);
        int at = p.indexOf("/subscriptions/");
        if (at < 0) {
            return "";
        }
        int start = at + "/subscriptions/".length();
        int end = p.indexOf('/', start);
        return end < 0 ? p.substring(start) : p.substring(start, end);
    }
}
