package dev.aso.controller.reconcile;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/** Per-object exponential backoff for retryable failures (1 s doubling to 5 min), forgotten on success. */
final class Backoff {

    private static final long BASE_MS = 1_000;
    private static final long MAX_MS = 300_000;
    private final Map<String, Integer> attempts = new ConcurrentHashMap<>();

    Duration next(String uid) {
        int n = attempts.merge(uid, 1, Integer::sum);
        long ms = Math.min(MAX_MS, BASE_MS << Math.min(n - 1, 20));
        return Duration.ofMillis(ms);
    }

    void reset(String uid) {
        attempts.remove(uid);
    }

    /** {@code period} moved randomly by up to ±25%, so resyncs of objects created together spread out. */
    static Duration jitter(Duration period) {
        double factor = 0.75 + ThreadLocalRandom.current().nextDouble() * 0.5;
        return Duration.ofMillis(Math.max(1, Math.round(period.toMillis() * factor)));
    }
}
