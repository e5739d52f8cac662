package dev.aso.controller.observability;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;

/** The metrics endpoint ({@code GET /metrics}, Prometheus text) and the probes ({@code /healthz}, {@code /readyz}). */
public final class HttpEndpoints implements AutoCloseable {

    private final HttpServer metrics;
    private final HttpServer health;

    private HttpEndpoints(HttpServer metrics, HttpServer health) {
        this.metrics = metrics;
        this.health = health;
    }

    public static HttpEndpoints start(InetSocketAddress metricsAddress, InetSocketAddress healthAddress,
                                      PrometheusMeterRegistry registry, BooleanSupplier ready) {
        try {
            HttpServer m = HttpServer.create(metricsAddress, 0);
            m.createContext("/metrics", ex -> reply(ex, 200, "text/plain; version=0.0.4; charset=utf-8", registry.scrape()));
            m.setExecutor(Executors.newSingleThreadExecutor(daemon("metrics-http")));
            HttpServer h = HttpServer.create(healthAddress, 0);
            h.createContext("/healthz", ex -> reply(ex, 200, "text/plain", "ok\n"));
            h.createContext("/readyz", ex -> {
                boolean ok = ready.getAsBoolean();
                reply(ex, ok ? 200 : 503, "text/plain", ok ? "ok\n" : "not ready\n");
            });
            h.setExecutor(Executors.newSingleThreadExecutor(daemon("health-http")));
            m.start();
            h.start();
            return new HttpEndpoints(m, h);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen for metrics on " + metricsAddress + " or health on " + healthAddress
                    + ": " + e.getMessage(), e);
        }
    }

    public int metricsPort() {
        return metrics.getAddress().getPort();
    }

    public int healthPort() {
        return health.getAddress().getPort();
    }

    @Override
    public void close() {
        metrics.stop(0);
        health.stop(0);
    }

    private static void reply(HttpExchange ex, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
