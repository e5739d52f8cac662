package dev.aso.webhooks.server;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The bytes of request bodies the server holds at once, all requests together, against a limit: each request takes
 * its share chunk by chunk as its body arrives and gives it all back once answered or abandoned. Thread-safe: the
 * event loops share one.
 */
final class BodyBudget {

    private final long limit;
    private final AtomicLong held = new AtomicLong();

    BodyBudget(long limit) {
        this.limit = limit;
    }

    long limit() {
        return limit;
    }

    /** Bytes held now by all requests. */
    long held() {
        return held.get();
    }

    /** A share for one request, empty until it takes bytes. */
    Share share() {
        return new Share();
    }

    /** One request's bytes. */
    final class Share {
        private long bytes;
        private boolean released;

        /** @return whether the budget had {@code more} bytes left, now taken; false once released */
        synchronized boolean take(long more) {
            if (released) {
                return false;
            }
            long now;
            do {
                now = held.get();
                if (now + more > limit) {
                    return false;
                }
            } while (!held.compareAndSet(now, now + more));
            bytes += more;
            return true;
        }

        /** Gives back every byte taken; later calls do nothing. */
        synchronized void release() {
            if (!released) {
                released = true;
                held.addAndGet(-bytes);
                bytes = 0;
            }
        }
    }
}
