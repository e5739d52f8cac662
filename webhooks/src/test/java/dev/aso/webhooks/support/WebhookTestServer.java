package dev.aso.webhooks.support;

import dev.aso.conversion.ObjectConverter;
import dev.aso.webhooks.admission.OperatorIdentities;
import dev.aso.webhooks.metadata.MetadataIndex;
import dev.aso.webhooks.server.ServerLimits;
import dev.aso.webhooks.server.WebhookServer;
import dev.aso.webhooks.server.WebhookSettings;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.PemTrustOptions;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** The real webhook server on 127.0.0.1 with the test fixtures' metadata and a fresh certificate, plus clients. */
public final class WebhookTestServer implements AutoCloseable {

    /** A request that gets no answer byte for this long fails, naming its path (see {@link #exchange}). */
    public static final Duration REQUEST_IDLE_TIMEOUT = Duration.ofSeconds(30);
    /** The username the test server takes for the operator's controller. */
    public static final String OPERATOR = "system:serviceaccount:aso:azureserviceoperator-default";
    public static final MetadataIndex FIXTURES = MetadataIndex.load(WebhookTestServer.class.getClassLoader(), "fixtures/");

    /** An answer as the client saw it. */
    public record Response(int status, String contentType, String body, HttpVersion version) {
    }

    public final Vertx vertx;
    public final WebhookServer server;
    public final PrometheusMeterRegistry registry;
    public final TestCertificates certificates;
    public final Path certDir;
    private final HttpClientAgent http1;
    private final HttpClientAgent http2;
    private final HttpClientAgent plain;

    private WebhookTestServer(Vertx vertx, WebhookServer server, PrometheusMeterRegistry registry,
                              TestCertificates certificates, Path certDir) {
        this.vertx = vertx;
        this.server = server;
        this.registry = registry;
        this.certificates = certificates;
        this.certDir = certDir;
        this.http1 = vertx.createHttpClient(tls(certificates).setProtocolVersion(HttpVersion.HTTP_1_1));
        this.http2 = vertx.createHttpClient(tls(certificates).setProtocolVersion(HttpVersion.HTTP_2).setUseAlpn(true));
        this.plain = vertx.createHttpClient(new HttpClientOptions());
    }

    public static WebhookTestServer start(Vertx vertx, Path certDir) throws Exception {
        return start(vertx, certDir, new FakeConverter(), 2, FIXTURES);
    }

    public static WebhookTestServer start(Vertx vertx, Path certDir, ObjectConverter converter, int instances,
                                          MetadataIndex metadata) throws Exception {
        return start(vertx, certDir, converter, instances, metadata, ServerLimits.DEFAULTS);
    }

    /** With the test fixtures, two event loops and {@code limits}. */
    public static WebhookTestServer start(Vertx vertx, Path certDir, ServerLimits limits) throws Exception {
        return start(vertx, certDir, new FakeConverter(), 2, FIXTURES, limits);
    }

    private static WebhookTestServer start(Vertx vertx, Path certDir, ObjectConverter converter, int instances,
                                           MetadataIndex metadata, ServerLimits limits) throws Exception {
        TestCertificates certificates = new TestCertificates();
        certificates.write(certDir, certificates.issue("aso-webhooks"));
        return startOn(vertx, certDir, certificates, converter, instances, metadata, limits);
    }

    /** Starts on certificate files already in {@code certDir}, issued by {@code certificates}. */
    public static WebhookTestServer startOn(Vertx vertx, Path certDir, TestCertificates certificates,
                                            ObjectConverter converter, int instances, MetadataIndex metadata) {
        return startOn(vertx, certDir, certificates, converter, instances, metadata, ServerLimits.DEFAULTS);
    }

    private static WebhookTestServer startOn(Vertx vertx, Path certDir, TestCertificates certificates,
                                             ObjectConverter converter, int instances, MetadataIndex metadata,
                                             ServerLimits limits) {
        WebhookSettings settings = new WebhookSettings("127.0.0.1", 0, 0, certDir, instances, Duration.ofSeconds(10),
                Duration.ofSeconds(10), OperatorIdentities.of(OPERATOR), limits);
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        WebhookServer server = await(WebhookServer.start(vertx, settings, metadata, converter, registry));
        return new WebhookTestServer(vertx, server, registry, certificates, certDir);
    }

    public static HttpClientOptions tls(TestCertificates certificates) {
        return new HttpClientOptions().setSsl(true).setVerifyHost(true)
                .setTrustOptions(new PemTrustOptions().addCertValue(Buffer.buffer(certificates.caPem())));
    }

    public Response post(String path, String json) {
        return send(http1, HttpMethod.POST, path, "application/json", Buffer.buffer(json));
    }

    public Response postHttp2(String path, String json) {
        return send(http2, HttpMethod.POST, path, "application/json", Buffer.buffer(json));
    }

    public Response send(HttpMethod method, String path, String contentType, Buffer body) {
        return send(http1, method, path, contentType, body);
    }

    public Response metricsGet(String path) {
        return await(exchange(plain, HttpMethod.GET, server.metricsPort(), path, null, null));
    }

    private Response send(HttpClientAgent client, HttpMethod method, String path, String contentType, Buffer body) {
        return await(exchange(client, method, server.httpsPort(), path, contentType, body));
    }

    /**
     * One request to 127.0.0.1 and its whole answer. The body is asked for inside the callback that receives the
     * response, on the connection's event loop: asked for later (from the test thread, say, through a second chained
     * {@code compose}), a response that has already ended by then is lost and {@code body()} never completes.
     *
     * @param contentType null for none
     * @param body        null for a request without a body
     */
    public static Future<Response> exchange(HttpClient client, HttpMethod method, int port, String path,
                                            String contentType, Buffer body) {
        RequestOptions options = new RequestOptions().setMethod(method).setHost("127.0.0.1").setPort(port).setURI(path)
                .setIdleTimeout(REQUEST_IDLE_TIMEOUT.toMillis());
        return client.request(options).compose(request -> {
            if (contentType != null) {
                request.putHeader("content-type", contentType);
            }
            return (body == null ? request.send() : request.send(body)).compose(response -> response.body()
                    .map(b -> new Response(response.statusCode(), response.getHeader("content-type"), b.toString(),
                            response.version())));
        });
    }

    /** A metric's value from /metrics, or 0 when absent; {@code series} is the full name with labels. */
    public double metric(String series) {
        for (String line : registry.scrape().split("\n")) {
            if (line.startsWith(series + " ")) {
                return Double.parseDouble(line.substring(series.length() + 1).trim());
            }
        }
        return 0;
    }

    public static <T> T await(Future<T> future) {
        return await(future, Duration.ofSeconds(60));
    }

    /** For a future that stands for a lot of work (thousands of requests), on a machine that may be busy. */
    public static <T> T await(Future<T> future, Duration limit) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new AssertionError(e.getCause().getMessage(), e.getCause());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() {
        await(http1.close());
        await(http2.close());
        await(plain.close());
        await(server.close());
    }
}
