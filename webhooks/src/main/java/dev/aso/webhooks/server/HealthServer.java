package dev.aso.webhooks.server;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;

import java.util.function.BooleanSupplier;

/** Plain HTTP on the metrics port: {@code /healthz}, {@code /readyz} and Prometheus {@code /metrics}. */
final class HealthServer {

    private final HttpServer server;

    private HealthServer(HttpServer server) {
        this.server = server;
    }

    static Future<HealthServer> start(Vertx vertx, String host, int port, BooleanSupplier ready,
                                      PrometheusMeterRegistry registry) {
        HttpServer server = vertx.createHttpServer(new HttpServerOptions().setHost(host).setPort(port));
        server.requestHandler(request -> {
            var response = request.response();
            switch (request.path()) {
                case "/healthz" -> response.putHeader(HttpHeaders.CONTENT_TYPE, "text/plain").end("ok\n");
                case "/readyz" -> {
                    boolean isReady = ready.getAsBoolean();
                    response.setStatusCode(isReady ? 200 : 503).putHeader(HttpHeaders.CONTENT_TYPE, "text/plain")
                            .end(isReady ? "ok\n" : "no serving certificate loaded yet\n");
                }
                case "/metrics" -> response.putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8")
                        .end(registry.scrape());
                default -> response.setStatusCode(404).end();
            }
        });
        return server.listen().map(HealthServer::new);
    }

    int port() {
        return server.actualPort();
    }

    Future<Void> close() {
        return server.close();
    }
}
