package dev.aso.controller.arm;

import java.time.Duration;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * A token bucket: up to {@code capacity} tokens, refilled at {@code perSecond}; starts full. Thread-safe. With a
 * {@code share} (a fraction, read at every take) the rate and the capacity are that fraction of the given ones, so
 * replicas that split a budget between them never spend more than the whole together.
 */
public final class TokenBucket {

    private final double perNano;
    private final double capacity;
    private final DoubleSupplier share;
    private double tokens;
    private long last;

    public TokenBucket(double perSecond, double capacity) {
        this(perSecond, capacity, () -> 1.0);
    }

    /** @param share the fraction of the rate and capacity this bucket has, in (0, 1]; may change over time */
    public TokenBucket(double perSecond, double capacity, DoubleSupplier share) {
        this.perNano = perSecond / 1e9;
        this.capacity = capacity;
        this.share = share;
        this.tokens = capacity * share.getAsDouble();
        this.last = System.nanoTime();
    }

    /** Takes a token (empty), or says how long until one is free (nothing is taken then). */
    public synchronized Optional<Duration> tryTake() {
        double fraction = share.getAsDouble();
        double rate = perNano * fraction;
        long now = System.nanoTime();
        tokens = Math.min(Math.max(1, capacity * fraction), tokens + (now - last) * rate);
        last = now;
        if (tokens >= 1) {
            tokens -= 1;
            return Optional.empty();
        }
        return Optional.of(Duration.ofNanos((long) Math.ceil((1 - tokens) / rate)));
    }
}
