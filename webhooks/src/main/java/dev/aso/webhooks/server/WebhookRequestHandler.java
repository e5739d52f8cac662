package dev.aso.webhooks.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.Locale;
import java.util.Map;

/**
 * The HTTPS request pipeline shared by every webhook path: route by path, check method, content type and size,
 * read the body within the server's budget of body bytes and its body timeout, parse JSON, run the endpoint (on a
 * worker thread when the body is large), answer, and count. No exception text or stack trace reaches a client.
 */
public final class WebhookRequestHandler implements Handler<HttpServerRequest> {

    /** As controller-runtime: the apiserver never sends more (etcd's limit is smaller). */
    public static final long MAX_BODY_BYTES = 7L * 1024 * 1024;
    /** Bodies above this are handled off the event loop (a large ConversionReview, say). */
    static final int OFFLOAD_BYTES = 64 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(WebhookRequestHandler.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** One webhook path and its meters. */
    public record Route(Endpoint endpoint, WebhookMetrics.ForWebhook metrics) {
    }

    private record Reply(int status, String contentType, Buffer body, boolean rejected) {
        static Reply text(int status, String message) {
            return new Reply(status, "text/plain; charset=utf-8", Buffer.buffer(message + "\n"), false);
        }
    }

    private final WorkerExecutor workers;
    private final Map<String, Route> routes;
    private final WebhookMetrics.ForWebhook unknownPath;
    private final BodyBudget budget;
    private final BodyDeadline deadline;

    /**
     * @param workers  runs large requests; sized to the CPUs so that big conversions do not pile up in memory
     * @param budget   the bytes of request bodies all requests may hold at once
     * @param deadline abandons requests whose body does not arrive in time
     */
    WebhookRequestHandler(WorkerExecutor workers, Map<String, Route> routes, WebhookMetrics metrics, BodyBudget budget,
                          BodyDeadline deadline) {
        this.workers = workers;
        this.routes = Map.copyOf(routes);
        this.unknownPath = metrics.webhook("unknown");
        this.budget = budget;
        this.deadline = deadline;
    }

    @Override
    public void handle(HttpServerRequest request) {
        try {
            route(request, deadline.watch(request));
        } catch (RuntimeException | Error e) {
            request.response().setStatusCode(500).end(internalError(request.path(), e).body());
        }
    }

    private void route(HttpServerRequest request, Future<Void> abandoned) {
        Route route = routes.get(request.path());
        WebhookMetrics.ForWebhook metrics = route == null ? unknownPath : route.metrics();
        long start = metrics.start();
        String refusal = route == null ? null : refusal(request);
        if (route == null) {
            send(request, metrics, start, Reply.text(404, "no webhook is served at " + request.path()), false);
        } else if (request.method() != HttpMethod.POST) {
            send(request, metrics, start, Reply.text(405, "webhooks accept POST only"), false);
        } else if (refusal != null) {
            send(request, metrics, start, Reply.text(400, refusal), tooLarge(request));
        } else {
            BodyBudget.Share share = budget.share();
            BodyReader.read(request, MAX_BODY_BYTES, budget, share, abandoned).onComplete(body -> {
                if (body.succeeded()) {
                    dispatch(request, route, start, body.result(), share);
                } else if (body.cause() instanceof BodyReader.TooLargeException e) {
                    send(request, metrics, start, Reply.text(400, e.getMessage()), true);
                } else if (body.cause() instanceof BodyReader.OverBudgetException e) {
                    send(request, metrics, start, Reply.text(503, e.getMessage()), true);
                } else if (body.cause() instanceof BodyReader.AbandonedException) {
                    metrics.finish(start, 408, false); // its connection or stream is gone: nothing to answer on
                } else {
                    metrics.finish(start, 499, false); // the client went away while sending
                }
            });
        }
    }

    private static String refusal(HttpServerRequest request) {
        String contentType = request.getHeader(HttpHeaders.CONTENT_TYPE);
        String mediaType = contentType == null ? "" : contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (!mediaType.equals("application/json")) {
            return "Content-Type must be application/json, got \"" + (contentType == null ? "" : contentType) + "\"";
        }
        if (tooLarge(request)) {
            return "request body is larger than " + MAX_BODY_BYTES + " bytes";
        }
        return null;
    }

    private static boolean tooLarge(HttpServerRequest request) {
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        try {
            return length != null && Long.parseLong(length.strip()) > MAX_BODY_BYTES;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** Answers, then gives the body's bytes back to the budget. */
    private void dispatch(HttpServerRequest request, Route route, long start, Buffer body, BodyBudget.Share share) {
        if (body.length() <= OFFLOAD_BYTES) {
            try {
                send(request, route.metrics(), start, answer(request.path(), route, body), false);
            } finally {
                share.release();
            }
            return;
        }
        workers.executeBlocking(() -> answer(request.path(), route, body), false).onComplete(reply -> {
            try {
                send(request, route.metrics(), start, reply.succeeded() ? reply.result()
                        : internalError(request.path(), reply.cause()), false);
            } finally {
                share.release();
            }
        });
    }

    private static Reply answer(String path, Route route, Buffer body) {
        try {
            JsonNode review = ReviewParser.parse(body.getBytes(), route.endpoint().reads());
            Endpoint.Result result = route.endpoint().handle(review);
            return new Reply(200, "application/json", Buffer.buffer(MAPPER.writeValueAsBytes(result.body())),
                    result.rejected());
        } catch (JsonProcessingException e) {
            return Reply.text(400, "request body is not valid JSON: " + e.getOriginalMessage());
        } catch (BadRequestException e) {
            return Reply.text(400, e.getMessage());
        } catch (IOException | RuntimeException | Error e) {
            return internalError(path, e); // even an Error gets an answer: the apiserver would otherwise wait
        }
    }

    private static Reply internalError(String path, Throwable e) {
        LOG.error("webhook {} failed on a request", path, e);
        return Reply.text(500, "internal error in webhook " + path + "; the webhook server's log has the details");
    }

    private static void send(HttpServerRequest request, WebhookMetrics.ForWebhook metrics, long start, Reply reply,
                             boolean closeAfter) {
        metrics.finish(start, reply.status(), reply.rejected());
        boolean http1 = request.version() != HttpVersion.HTTP_2;
        var response = request.response().setStatusCode(reply.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, reply.contentType());
        if (closeAfter && http1) {
            response.putHeader(HttpHeaders.CONNECTION, "close");
        }
        response.end(reply.body());
        if (closeAfter && http1) {
            closeOnceRead(request);
        }
    }

    /**
     * Closes the connection of a refused request (oversized, or over the budget) once the client has sent the rest of
     * its body (read and dropped here, up to another {@link #MAX_BODY_BYTES}; a client that does not send it in time
     * is cut off by the {@link BodyDeadline}): closing with unread bytes makes the kernel reset the connection, which
     * can destroy the answer before the client has read it.
     */
    private static void closeOnceRead(HttpServerRequest request) {
        var connection = request.connection();
        if (request.isEnded()) {
            connection.close();
            return;
        }
        long[] dropped = {0};
        request.handler(chunk -> {
            dropped[0] += chunk.length();
            if (dropped[0] > MAX_BODY_BYTES) {
                connection.close();
            }
        });
        request.endHandler(ended -> connection.close());
    }
}
