package dev.aso.controller.reconcile;

import dev.aso.controller.arm.TokenBucket;
import dev.aso.controller.settings.Settings;

import java.time.Duration;
import java.util.Optional;

/**
 * RATE_LIMIT_MODE=bucket: a token bucket shared by every kind that bounds how many reconciles start per second
 * (RATE_LIMIT_QPS, bursts up to RATE_LIMIT_BUCKET_SIZE); a reconcile without a token is rescheduled for when one is
 * free. Disabled, it never delays.
 */
public final class RateLimit {

    private final TokenBucket bucket;

    public RateLimit(Settings.RateLimit settings) {
        this.bucket = settings.enabled() ? new TokenBucket(settings.qps(), settings.bucketSize()) : null;
    }

    /**
     * Takes a token; when none is left, how long until one is (the reconcile is then rescheduled after that wait
     * instead of holding a worker thread).
     */
    public Optional<Duration> tryAcquire() {
        return bucket == null ? Optional.empty() : bucket.tryTake();
    }
}
