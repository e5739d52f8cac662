package dev.aso.controller.reconcile;

import dev.aso.controller.settings.Settings;

/**
 * RATE_LIMIT_MODE=bucket: a token bucket shared by every kind that bounds how many reconciles start per second
 * (RATE_LIMIT_QPS, bursts up to RATE_LIMIT_BUCKET_SIZE). Disabled, it never waits.
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

    public void acquire() {
        if (!enabled) {
            return;
        }
        long waitNanos;
        synchronized (this) {
            long now = System.nanoTime();
            tokens = Math.min(capacity, tokens + (now - last) * perNano);
            last = now;
            tokens -= 1;
            waitNanos = tokens >= 0 ? 0 : (long) (-tokens / perNano);
        }
        if (waitNanos > 0) {
            try {
                Thread.sleep(waitNanos / 1_000_000, (int) (waitNanos % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
