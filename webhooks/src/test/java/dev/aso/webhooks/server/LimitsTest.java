package dev.aso.webhooks.server;

import dev.aso.webhooks.support.Http2Frames;
import dev.aso.webhooks.support.RawTls;
import dev.aso.webhooks.support.Reviews;
import dev.aso.webhooks.support.WebhookTestServer;
import dev.aso.webhooks.support.WebhookTestServer.Response;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server's bounds against slow and greedy clients, each with raw sockets on 127.0.0.1 and limits small enough to
 * reach in seconds: stalled uploads are cut off at the body timeout while other requests are served, bodies in flight
 * stay within their budget, and connections and HTTP/2 streams past their limits are refused.
 */
@ExtendWith(VertxExtension.class)
class LimitsTest {

    private static final String VALIDATE = "/validate-cache-azure-com-v1api20230801-redis";
    private static final Duration BODY_TIMEOUT = Duration.ofSeconds(2);
    private static final long MIB = 1L << 20;
    private static final ServerLimits ROOMY = new ServerLimits(Duration.ofSeconds(60), BODY_TIMEOUT, 100, 250, 64 * MIB);

    @TempDir
    Path certDir;
    WebhookTestServer server;
    private final List<SSLSocket> sockets = new ArrayList<>();

    @AfterEach
    void stop() throws IOException {
        for (SSLSocket socket : sockets) {
            socket.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void stalledUploadsAreCutOffAtTheBodyTimeoutWhileOthersAreServed(Vertx vertx) throws Exception {
        server = WebhookTestServer.start(vertx, certDir, ROOMY);
        long stalledAt = System.nanoTime();
        for (int i = 0; i < 6; i++) {
            stall(WebhookRequestHandler.MAX_BODY_BYTES - 1, MIB);
        }
        awaitBodyBytes(6 * MIB);

        Response answered = server.post(VALIDATE, Reviews.create(Reviews.redis("c1")).toString());
        Duration whileStalled = Duration.ofNanos(System.nanoTime() - stalledAt);

        assertThat(answered.status()).isEqualTo(200);
        assertThat(whileStalled).as("answered while the uploads stalled").isLessThan(BODY_TIMEOUT);
        for (SSLSocket socket : sockets) {
            assertThat(RawTls.readUntilClosed(socket, BODY_TIMEOUT.multipliedBy(5))).as("no answer, just closed").isEmpty();
        }
        assertThat(Duration.ofNanos(System.nanoTime() - stalledAt)).as("closed at the body timeout, not before")
                .isGreaterThanOrEqualTo(BODY_TIMEOUT);
        awaitBodyBytes(0);
        assertThat(server.metric("aso_webhook_requests_total{code=\"408\",webhook=\"" + VALIDATE + "\"}")).isEqualTo(6);
    }

    @Test
    void bodiesInFlightStayWithinTheirBudgetAndThoseBeyondItAre503(Vertx vertx) throws Exception {
        long budget = 8 * MIB;
        server = WebhookTestServer.start(vertx, certDir, new ServerLimits(Duration.ofSeconds(60), BODY_TIMEOUT, 100,
                250, budget));
        AtomicLong most = new AtomicLong();
        AtomicBoolean sampling = new AtomicBoolean(true);
        Thread sampler = new Thread(() -> {
            while (sampling.get()) {
                most.accumulateAndGet((long) server.metric("aso_webhook_body_bytes_in_flight"), Math::max);
                LockSupport.parkNanos(2_000_000);
            }
        }, "body-bytes-sampler");
        sampler.start();
        try {
            for (int i = 0; i < 5; i++) { // 10 MiB in all, 2 of them over the budget
                stall(WebhookRequestHandler.MAX_BODY_BYTES - 1, 2 * MIB);
            }
            awaitBodyBytes(budget);
            Response refused = server.post(VALIDATE, Reviews.create(Reviews.redis("c1")).toString());
            assertThat(refused.status()).isEqualTo(503);
            assertThat(refused.body()).contains("the webhook server is busy").contains("--max-body-bytes-in-flight");

            List<String> answers = new ArrayList<>();
            for (SSLSocket socket : sockets) {
                answers.add(RawTls.readUntilClosed(socket, BODY_TIMEOUT.multipliedBy(5)));
            }
            assertThat(answers).filteredOn(a -> a.startsWith("HTTP/1.1 503")).hasSize(1);
            assertThat(answers).filteredOn(String::isEmpty).as("held until cut off").hasSize(4);
            awaitBodyBytes(0);
            assertThat(server.post(VALIDATE, Reviews.create(Reviews.redis("c1")).toString()).status()).isEqualTo(200);
        } finally {
            sampling.set(false);
            sampler.join();
        }
        assertThat(most.get()).isPositive().isLessThanOrEqualTo(budget);
    }

    @Test
    void connectionsPastTheLimitAreClosedOnArrival(Vertx vertx) throws Exception {
        server = WebhookTestServer.start(vertx, certDir, new ServerLimits(Duration.ofSeconds(60), BODY_TIMEOUT, 3,
                250, 64 * MIB));
        for (int i = 0; i < 3; i++) {
            assertThat(exchange(connect())).startsWith("HTTP/1.1 404");
        }
        SSLSocket fourth = connect();
        assertThat(RawTls.readUntilClosed(fourth, Duration.ofSeconds(10))).isEmpty();
        assertThat(server.metric("aso_webhook_connections")).isEqualTo(3);
        assertThat(server.metric("aso_webhook_connections_refused_total")).isEqualTo(1);

        sockets.remove(0).close();
        awaitMetric("aso_webhook_connections", 2);
        assertThat(exchange(connect())).startsWith("HTTP/1.1 404");
    }

    @Test
    void anIdleConnectionIsClosed(Vertx vertx) throws Exception {
        Duration idle = Duration.ofMillis(500);
        server = WebhookTestServer.start(vertx, certDir, new ServerLimits(idle, BODY_TIMEOUT, 100, 250, 64 * MIB));
        SSLSocket socket = connect();
        assertThat(exchange(socket)).startsWith("HTTP/1.1 404");
        long quietFrom = System.nanoTime();
        assertThat(RawTls.readUntilClosed(socket, Duration.ofSeconds(10))).isEmpty();
        assertThat(Duration.ofNanos(System.nanoTime() - quietFrom)).isGreaterThanOrEqualTo(idle);
    }

    @Test
    void http2StreamsPastTheLimitAreRefusedAndStalledOnesReset(Vertx vertx) throws Exception {
        server = WebhookTestServer.start(vertx, certDir, new ServerLimits(Duration.ofSeconds(60), BODY_TIMEOUT, 100,
                4, 64 * MIB));
        SSLSocket socket = RawTls.connect(server.server.httpsPort(), server.certificates, "h2");
        sockets.add(socket);
        assertThat(socket.getApplicationProtocol()).isEqualTo("h2");
        Http2Frames h2 = new Http2Frames(socket.getOutputStream(), socket.getInputStream());
        h2.preface();
        Http2Frames.Frame settings = h2.read();
        assertThat(settings.type()).isEqualTo(Http2Frames.SETTINGS);
        assertThat(settings.setting(Http2Frames.SETTINGS_MAX_CONCURRENT_STREAMS)).isEqualTo(4);
        h2.settingsAck();

        long openedAt = System.nanoTime();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(":method", "POST");
        headers.put(":scheme", "https");
        headers.put(":path", VALIDATE);
        headers.put(":authority", "127.0.0.1");
        headers.put("content-type", "application/json");
        headers.put("content-length", "1000");
        for (int stream = 1; stream <= 9; stream += 2) { // five streams; no body follows
            h2.openStream(stream, headers);
        }
        Map<Integer, Long> resets = new HashMap<>();
        Map<Integer, Duration> resetAfter = new HashMap<>();
        socket.setSoTimeout((int) BODY_TIMEOUT.multipliedBy(5).toMillis());
        while (resets.size() < 5) {
            Http2Frames.Frame frame = h2.read();
            if (frame.type() == Http2Frames.RST_STREAM) {
                resets.put(frame.stream(), frame.errorCode());
                resetAfter.put(frame.stream(), Duration.ofNanos(System.nanoTime() - openedAt));
            }
        }
        assertThat(resets).containsEntry(9, Http2Frames.REFUSED_STREAM);
        assertThat(resetAfter.get(9)).as("refused at once").isLessThan(BODY_TIMEOUT);
        for (int stream = 1; stream <= 7; stream += 2) {
            assertThat(resets).containsEntry(stream, Http2Frames.CANCEL);
            assertThat(resetAfter.get(stream)).as("reset at the body timeout").isGreaterThanOrEqualTo(BODY_TIMEOUT);
        }
    }

    /** A POST on a connection of its own that announces {@code length} bytes, sends {@code sent} and stops. */
    private void stall(long length, long sent) throws IOException {
        SSLSocket socket = connect();
        OutputStream out = socket.getOutputStream();
        out.write(RawTls.postHead(VALIDATE, length));
        byte[] chunk = new byte[64 * 1024];
        java.util.Arrays.fill(chunk, (byte) ' ');
        for (long written = 0; written < sent; written += chunk.length) {
            out.write(chunk, 0, (int) Math.min(chunk.length, sent - written));
        }
        out.flush();
    }

    private SSLSocket connect() throws IOException {
        SSLSocket socket = RawTls.connect(server.server.httpsPort(), server.certificates);
        sockets.add(socket);
        return socket;
    }

    /** A GET of an unknown path (404) on {@code socket}, whose connection stays open; the answer's head. */
    private static String exchange(SSLSocket socket) throws IOException {
        socket.getOutputStream().write("GET /nothing-here HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes());
        socket.getOutputStream().flush();
        byte[] head = new byte[12];
        int n = socket.getInputStream().readNBytes(head, 0, head.length);
        socket.getInputStream().skip(socket.getInputStream().available());
        return new String(head, 0, n);
    }

    private void awaitBodyBytes(long bytes) throws InterruptedException {
        awaitMetric("aso_webhook_body_bytes_in_flight", bytes);
    }

    private void awaitMetric(String series, double value) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (server.metric(series) != value && System.nanoTime() < until) {
            Thread.sleep(10);
        }
        assertThat(server.metric(series)).as(series).isEqualTo(value);
    }
}
