package dev.aso.controller.reconcile;

import dev.aso.controller.settings.Settings;

import java.time.Duration;
import java.util.Optional;

/**
 * RATE_LIMIT_MODE=bucket: a token bucket shared by every kind that bounds how many reconciles start per second
 * (RATE_LIMIT_QPS, bursts up to RATE_LIMIT_BUCKET_SIZE); a reconcile without a token is rescheduled for when one is
 * free. Disabled, it never delays.
 */
public final class RateLimit {

    private final boolean enabled;
    private final double perNano;
    private final double capacity;
    private double tokens;
    private long last;

    public RateLimit(Settings.RateLimit settings) {
        this.enabled = settings.enabled();
        this.perNano = settings.qps() / 1e9;
        this.capacity = settings.bucketSize();
        this.tokens = capacity;
        this.last = System.nanoTime();
    }

    /**
     * Takes a token; when none is left, how long until one is (the reconcile is then rescheduled after that wait
     * instead of holding a worker thread).
     */
    public Optional<Duration> tryAcquire() {
        if (!enabled) {
            return Optional.empty();
        }
        synchronized (this) {
            long now = System.nanoTime();
            tokens = Math.min(capacity, tokens + (now - last) * perNano);
            last = now;
            if (tokens >= 1) {
                tokens -= 1;
                return Optional.empty();
            }
            return Optional.of(Duration.ofNanos((long) Math.ceil((1 - tokens) / perNano)));
        }
    }
}
