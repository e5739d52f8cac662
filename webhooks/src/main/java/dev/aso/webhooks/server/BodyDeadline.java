package dev.aso.webhooks.server;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;

import java.time.Duration;

/**
 * Abandons a request whose body has not all arrived within the body timeout of its headers, whatever the server did
 * with it meanwhile (answered it early with a 404 or 400, or is still reading it): its HTTP/1.1 connection is closed,
 * its HTTP/2 stream reset with CANCEL. A stalled or trickling upload then holds neither memory nor a stream for long,
 * even on a connection that other traffic keeps busy.
 */
final class BodyDeadline {

    private static final long CANCEL = 0x8;
    private final Vertx vertx;
    private final long millis;

    BodyDeadline(Vertx vertx, Duration timeout) {
        this.vertx = vertx;
        this.millis = timeout.toMillis();
    }

    /** @return a future that completes if and when the request is abandoned; it never does once its body is in */
    Future<Void> watch(HttpServerRequest request) {
        Promise<Void> abandoned = Promise.promise();
        if (request.isEnded()) {
            return abandoned.future();
        }
        long timer = vertx.setTimer(millis, fired -> {
            if (request.isEnded()) {
                return;
            }
            if (request.version() == HttpVersion.HTTP_2) {
                request.response().reset(CANCEL);
            } else {
                request.connection().close();
            }
            abandoned.tryComplete();
        });
        request.response().endHandler(sent -> {
            if (request.isEnded()) {
                vertx.cancelTimer(timer);
            }
        });
        return abandoned.future();
    }
}
