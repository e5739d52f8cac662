package dev.aso.webhooks.server;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpConnection;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the HTTPS connections open on all event loops and closes each one past the limit as soon as it is accepted
 * (Vert.x has no such option). Thread-safe: every listening instance's connection handler is this one.
 */
final class ConnectionLimit implements Handler<HttpConnection> {

    private final int limit;
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicLong refused = new AtomicLong();

    ConnectionLimit(int limit) {
        this.limit = limit;
    }

    @Override
    public void handle(HttpConnection connection) {
        if (open.incrementAndGet() > limit) {
            open.decrementAndGet();
            refused.incrementAndGet();
            connection.close();
            return;
        }
        connection.closeHandler(closed -> open.decrementAndGet());
    }

    int open() {
        return open.get();
    }

    long refused() {
        return refused.get();
    }
}
