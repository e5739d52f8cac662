package dev.aso.controller.arm;

import java.time.Duration;
import java.util.Optional;

/** A token bucket: up to {@code capacity} tokens, refilled at {@code perSecond}; starts full. Thread-safe. */
public final class TokenBucket {

    private final double perNano;
    private final double capacity;
    private double tokens;
    private long last;

    public TokenBucket(double perSecond, double capacity) {
        this.perNano = perSecond / 1e9;
        this.capacity = capacity;
        this.tokens = capacity;
        this.last = System.nanoTime();
    }

    /** Takes a token (empty), or says how long until one is free (nothing is taken then). */
    public synchronized Optional<Duration> tryTake() {
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
