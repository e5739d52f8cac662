package dev.aso.webhooks.server;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;

/** Collects a request body up to a limit; past it, the rest is read and dropped and the future fails. */
final class BodyReader {

    /** The body was longer than the limit. */
    static final class TooLargeException extends Exception {
        TooLargeException(long limit) {
            super("request body is larger than " + limit + " bytes", null, false, false);
        }
    }

    private BodyReader() {
    }

    static Future<Buffer> read(HttpServerRequest request, long limit) {
        Promise<Buffer> promise = Promise.promise();
        Buffer body = Buffer.buffer();
        boolean[] tooLarge = {false};
        request.handler(chunk -> {
            if (tooLarge[0]) {
                return;
            }
            if (body.length() + chunk.length() > limit) {
                tooLarge[0] = true;
                promise.tryFail(new TooLargeException(limit));
                return;
            }
            body.appendBuffer(chunk);
        });
        request.exceptionHandler(promise::tryFail);
        request.endHandler(v -> promise.tryComplete(body));
        return promise.future();
    }
}
