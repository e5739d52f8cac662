package dev.aso.webhooks.tls;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.aso.webhooks.support.FakeConverter;
import dev.aso.webhooks.support.KubeletSecretVolume;
import dev.aso.webhooks.support.Reviews;
import dev.aso.webhooks.support.TestCertificates;
import dev.aso.webhooks.support.WebhookTestServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.PoolOptions;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLPeerUnverifiedException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.aso.webhooks.support.WebhookTestServer.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Certificate files: clear errors at start, rotation under load, and a broken rotation that keeps the old one. */
@ExtendWith(VertxExtension.class)
class RotationTest {

    private static final String PATH = "/validate-cache-azure-com-v1api20230801-redis";
    private static final long LOAD_MILLIS = 6_000;
    private static final int CONCURRENCY = 16;

    @TempDir
    Path certDir;

    @Test
    void rotatesUnderLoadWithoutFailedRequests(Vertx vertx) throws Exception {
        TestCertificates ca = new TestCertificates();
        KubeletSecretVolume volume = new KubeletSecretVolume(certDir);
        volume.write(ca, ca.issue("first"));
        try (WebhookTestServer server = WebhookTestServer.startOn(vertx, certDir, ca, new FakeConverter(), 2,
                WebhookTestServer.FIXTURES)) {
            HttpClientAgent pooled = vertx.createHttpClient(WebhookTestServer.tls(ca), new PoolOptions().setHttp1MaxSize(8));
            HttpClientAgent fresh = vertx.createHttpClient(WebhookTestServer.tls(ca).setKeepAlive(false));
            HttpClientAgent http2 = vertx.createHttpClient(WebhookTestServer.tls(ca).setProtocolVersion(HttpVersion.HTTP_2)
                    .setUseAlpn(true));
            String body = Reviews.create(Reviews.redis("cache1")).toString();
            AtomicInteger ok = new AtomicInteger();
            Queue<String> failures = new ConcurrentLinkedQueue<>();
            long deadline = System.currentTimeMillis() + LOAD_MILLIS;
            List<HttpClientAgent> clients = List.of(pooled, fresh, http2);
            List<Future<Void>> loops = new ArrayList<>();
            for (int i = 0; i < CONCURRENCY; i++) {
                loops.add(loop(clients.get(i % clients.size()), server.server.httpsPort(), body, deadline, ok, failures));
            }
            BigInteger last = null;
            for (int rotation = 1; rotation <= 3; rotation++) {
                Thread.sleep(1_200);
                TestCertificates.Issued next = ca.issue("rotation-" + rotation);
                volume.write(ca, next);
                awaitServing(vertx, ca, server.server.httpsPort(), next.serial());
                last = next.serial();
            }
            await(Future.all(loops));
            assertThat(failures).as("failed requests during rotation").isEmpty();
            assertThat(ok.get()).as("requests answered during rotation").isGreaterThan(100);
            assertThat(servedSerial(vertx, ca, server.server.httpsPort())).isEqualTo(last);
            pooled.close();
            fresh.close();
            http2.close();
        }
    }

    @Test
    void aBrokenRotationKeepsTheCurrentCertificateAndSaysWhy(Vertx vertx) throws Exception {
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        ((Logger) LoggerFactory.getLogger(CertificateReloader.class)).addAppender(log);
        TestCertificates ca = new TestCertificates();
        KubeletSecretVolume volume = new KubeletSecretVolume(certDir);
        TestCertificates.Issued first = ca.issue("first");
        volume.write(ca, first);
        try (WebhookTestServer server = WebhookTestServer.startOn(vertx, certDir, ca, new FakeConverter(), 2,
                WebhookTestServer.FIXTURES)) {
            TestCertificates.Issued other = ca.issue("other");
            volume.write(Map.of("tls.crt", ca.issue("mismatched").certificatePem(), "tls.key", other.keyPem()));
            long until = System.currentTimeMillis() + 15_000;
            while (log.list.stream().noneMatch(e -> e.getFormattedMessage().contains("not reloaded")) && System.currentTimeMillis() < until) {
                Thread.sleep(50);
            }
            assertThat(log.list).anySatisfy(e -> assertThat(e.getFormattedMessage())
                    .contains("serving certificate in " + certDir + " not reloaded, keeping the current one")
                    .contains("does not belong to the certificate"));
            assertThat(servedSerial(vertx, ca, server.server.httpsPort())).isEqualTo(first.serial());
            assertThat(server.metricsGet("/readyz").status()).isEqualTo(200);
            assertThat(server.post(PATH, Reviews.create(Reviews.redis("c")).toString()).status()).isEqualTo(200);

            volume.write(Map.of("tls.crt", "garbage", "tls.key", other.keyPem()));
            Thread.sleep(500);
            assertThat(servedSerial(vertx, ca, server.server.httpsPort())).isEqualTo(first.serial());

            volume.write(ca, other);
            awaitServing(vertx, ca, server.server.httpsPort(), other.serial());
        } finally {
            ((Logger) LoggerFactory.getLogger(CertificateReloader.class)).detachAppender(log);
        }
    }

    @Test
    void aClosedReloaderAppliesNothing(Vertx vertx) throws Exception {
        TestCertificates ca = new TestCertificates();
        TestCertificates.Issued first = ca.issue("first");
        ca.write(certDir, first);
        List<PemCertificate> applied = new CopyOnWriteArrayList<>();
        CertificateReloader reloader = new CertificateReloader(vertx, certDir, PemCertificate.load(certDir), next -> {
            applied.add(next);
            return Future.succeededFuture();
        }, Duration.ofMillis(50));
        // start and close in one task of a Vert.x context, as a server stopped during its start would
        vertx.getOrCreateContext().runOnContext(v -> {
            reloader.start();
            reloader.close();
        });
        Thread.sleep(200);
        ca.write(certDir, ca.issue("second"));
        Thread.sleep(1_000); // twenty poll periods, and time for a file event
        assertThat(applied).isEmpty();
        assertThat(reloader.current().describe()).contains(first.serial().toString(16));
    }

    @Test
    void missingOrBrokenFilesAtStartAreClearErrors(Vertx vertx) throws Exception {
        TestCertificates ca = new TestCertificates();
        assertThatThrownBy(() -> WebhookTestServer.startOn(vertx, certDir, ca, new FakeConverter(), 1, WebhookTestServer.FIXTURES))
                .hasMessageContaining(certDir.resolve("tls.crt") + " does not exist: mount the webhook's certificate secret");
        TestCertificates.Issued issued = ca.issue("x");
        Files.writeString(certDir.resolve("tls.crt"), "not a certificate");
        Files.writeString(certDir.resolve("tls.key"), issued.keyPem());
        assertThatThrownBy(() -> WebhookTestServer.startOn(vertx, certDir, ca, new FakeConverter(), 1, WebhookTestServer.FIXTURES))
                .hasMessageContaining(certDir.resolve("tls.crt") + " holds no PEM certificate");
        Files.writeString(certDir.resolve("tls.crt"), issued.certificatePem());
        Files.writeString(certDir.resolve("tls.key"), "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");
        assertThatThrownBy(() -> WebhookTestServer.startOn(vertx, certDir, ca, new FakeConverter(), 1, WebhookTestServer.FIXTURES))
                .hasMessageContaining(certDir.resolve("tls.key") + " is not a valid PEM private key");
        Files.writeString(certDir.resolve("tls.key"), ca.issue("y").keyPem());
        assertThatThrownBy(() -> WebhookTestServer.startOn(vertx, certDir, ca, new FakeConverter(), 1, WebhookTestServer.FIXTURES))
                .hasMessageContaining(certDir.resolve("tls.key") + " does not belong to the certificate in " + certDir.resolve("tls.crt"));
    }

    private static Future<Void> loop(HttpClientAgent client, int port, String body, long deadline, AtomicInteger ok,
                                     Queue<String> failures) {
        if (System.currentTimeMillis() >= deadline) {
            return Future.succeededFuture();
        }
        return WebhookTestServer.exchange(client, HttpMethod.POST, port, PATH, "application/json", Buffer.buffer(body))
                .map(WebhookTestServer.Response::status)
                .transform(result -> {
                    if (result.succeeded() && result.result() == 200) {
                        ok.incrementAndGet();
                    } else {
                        failures.add(result.succeeded() ? "HTTP " + result.result() : String.valueOf(result.cause()));
                    }
                    return loop(client, port, body, deadline, ok, failures);
                });
    }

    /** The serial of the certificate a new connection is served. */
    private static BigInteger servedSerial(Vertx vertx, TestCertificates ca, int port) {
        HttpClientAgent client = vertx.createHttpClient(WebhookTestServer.tls(ca).setKeepAlive(false));
        try {
            return await(client.request(HttpMethod.GET, port, "127.0.0.1", "/healthz")
                    .compose(request -> {
                        try {
                            return Future.succeededFuture(
                                    ((X509Certificate) request.connection().peerCertificates().get(0)).getSerialNumber());
                        } catch (SSLPeerUnverifiedException e) {
                            return Future.failedFuture(e);
                        }
                    }));
        } finally {
            client.close();
        }
    }

    private static void awaitServing(Vertx vertx, TestCertificates ca, int port, BigInteger serial) throws InterruptedException {
        long until = System.currentTimeMillis() + 15_000;
        while (!serial.equals(servedSerial(vertx, ca, port)) && System.currentTimeMillis() < until) {
            Thread.sleep(50);
        }
        assertThat(servedSerial(vertx, ca, port)).as("serial served to new connections").isEqualTo(serial);
    }
}
