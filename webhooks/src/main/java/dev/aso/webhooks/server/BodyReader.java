package dev.aso.webhooks.server;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;

/**
 * Collects a request body up to a limit, taking each chunk from the server's {@link BodyBudget} first. Past the limit
 * or the budget, or once the request is abandoned, the future fails, the bytes go back to the budget and the rest of
 * the body is read and dropped. On success the caller releases the share once the request is answered.
 */
final class BodyReader {

    /** The body was longer than the limit. */
    static final class TooLargeException extends Exception {
        TooLargeException(long limit) {
            super("request body is larger than " + limit + " bytes", null, false, false);
        }
    }

    /** The server holds as many bytes of request bodies as its budget allows. */
    static final class OverBudgetException extends Exception {
        OverBudgetException(long budget) {
            super("the webhook server is busy: request bodies in flight would pass its limit of " + budget
                    + " bytes (--max-body-bytes-in-flight); retry", null, false, false);
        }
    }

    /** The body did not arrive in time ({@link BodyDeadline}). */
    static final class AbandonedException extends Exception {
        AbandonedException() {
            super("the request body did not arrive in time", null, false, false);
        }
    }

    private final Promise<Buffer> promise = Promise.promise();
    private final long limit;
    private final BodyBudget budget;
    private final BodyBudget.Share share;
    private Buffer body = Buffer.buffer();

    private BodyReader(long limit, BodyBudget budget, BodyBudget.Share share) {
        this.limit = limit;
        this.budget = budget;
        this.share = share;
    }

    static Future<Buffer> read(HttpServerRequest request, long limit, BodyBudget budget, BodyBudget.Share share,
                               Future<Void> abandoned) {
        BodyReader reader = new BodyReader(limit, budget, share);
        request.handler(reader::chunk);
        request.exceptionHandler(reader::fail);
        abandoned.onSuccess(v -> reader.fail(new AbandonedException()));
        request.endHandler(v -> reader.end());
        return reader.promise.future();
    }

    private void chunk(Buffer chunk) {
        if (body == null) {
            return; // failed: dropped
        }
        if (body.length() + chunk.length() > limit) {
            fail(new TooLargeException(limit));
        } else if (!share.take(chunk.length())) {
            fail(new OverBudgetException(budget.limit()));
        } else {
            body.appendBuffer(chunk);
        }
    }

    private void end() {
        if (body != null) {
            promise.tryComplete(body);
        }
    }

    /** Drops what was read, so that the memory goes with the bytes given back; nothing once the body is in. */
    private void fail(Throwable cause) {
        if (promise.future().isComplete()) {
            return;
        }
        body = null;
        share.release();
        promise.tryFail(cause);
    }
}
