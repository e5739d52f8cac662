package dev.aso.controller.reconcile;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Per-object exponential backoff for failed reconciles (1 s doubling to 5 min, plus jitter), forgotten on success;
 * and the bounds every wait the controller takes from Azure (Retry-After, polling intervals) is held to.
 */
final class Backoff {

    private static final long BASE_MS = 1_000;
    private static final long MAX_MS = 300_000;
    /** Retry-After from ARM is held between these: 0 would loop hot, a day would park the resource. */
    static final Duration MIN_WAIT = Duration.ofSeconds(1);
    static final Duration MAX_WAIT = Duration.ofMinutes(10);
    private final Map<String, Integer> attempts = new ConcurrentHashMap<>();

    Duration next(String uid) {
        int n = attempts.merge(uid, 1, Integer::sum);
        long ms = Math.min(MAX_MS, BASE_MS << Math.min(n - 1, 20));
        return Duration.ofMillis(Math.min(MAX_MS, Math.round(ms * (1 + ThreadLocalRandom.current().nextDouble() * 0.2))));
    }

    void reset(String uid) {
        attempts.remove(uid);
    }

    /** {@code period} moved randomly by up to ±25%, so resyncs of objects created together spread out. */
    static Duration jitter(Duration period) {
        double factor = 0.75 + ThreadLocalRandom.current().nextDouble() * 0.5;
        return Duration.ofMillis(Math.max(1, Math.round(period.toMillis() * factor)));
    }

    /** A wait Azure asked for, held to [{@link #MIN_WAIT}, {@link #MAX_WAIT}] and lengthened by up to 20% of jitter. */
    static Duration bounded(Duration wait) {
        long ms = Math.max(MIN_WAIT.toMillis(), Math.min(MAX_WAIT.toMillis(), wait.toMillis()));
        return Duration.ofMillis(Math.min(MAX_WAIT.toMillis(),
                Math.round(ms * (1 + ThreadLocalRandom.current().nextDouble() * 0.2))));
    }
}
