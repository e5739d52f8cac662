package dev.aso.webhooks.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aso.conversion.ConverterRegistry;
import dev.aso.conversion.ObjectConverter;
import dev.aso.webhooks.admission.OperatorIdentities;
import dev.aso.webhooks.conversion.ConverterCheck;
import dev.aso.webhooks.metadata.MetadataIndex;
import dev.aso.webhooks.server.ServerLimits;
import dev.aso.webhooks.server.WebhookServer;
import dev.aso.webhooks.server.WebhookSettings;
import dev.aso.webhooks.support.Reviews;
import dev.aso.webhooks.support.TestCertificates;
import dev.aso.webhooks.support.WebhookTestServer;
import dev.aso.webhooks.tls.TlsEngine;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Not a test: the servers hack/bench-webhooks.sh drives. Starts, on 127.0.0.1, the webhook server (the api module's
 * generated metadata and the generated HubConverter) and a bare Vert.x HTTPS handler with the same TLS settings (the
 * TLS engine too), transport and event loops that answers a fixed body; writes the request bodies and the ports into
 * the directory given; runs until its standard input closes.
 */
public final class BenchServers {

    private BenchServers() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        int instances = Integer.parseInt(System.getenv().getOrDefault("EVENT_LOOPS",
                Integer.toString(Runtime.getRuntime().availableProcessors())));
        Path certDir = Files.createDirectories(out.resolve("certs"));
        TestCertificates certificates = new TestCertificates();
        certificates.write(certDir, certificates.issue("bench"));

        ObjectNode redis;
        try (InputStream in = BenchServers.class.getResourceAsStream("/bench/redis-v1api20230801.json")) {
            redis = (ObjectNode) Reviews.JSON.readTree(in);
        }
        Files.writeString(out.resolve("admission.json"), Reviews.create(redis).toString());
        List<ObjectNode> objects = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            ObjectNode copy = redis.deepCopy();
            ((ObjectNode) copy.get("metadata")).put("name", "redis-" + i).put("uid", "00000000-0000-0000-0000-" + String.format("%012d", i));
            objects.add(copy);
        }
        Files.writeString(out.resolve("conversion.json"),
                Reviews.conversion("cache.azure.com/v1api20241101", objects).toString());

        MetadataIndex metadata = MetadataIndex.load(BenchServers.class.getClassLoader(), "");
        ObjectConverter converter = ConverterRegistry.load();
        ConverterCheck.verify(converter, metadata.kindVersions());
        Vertx vertx = Vertx.vertx(WebhookServer.vertxOptions());
        WebhookSettings settings = new WebhookSettings("127.0.0.1", 0, 0, certDir, instances, Duration.ofSeconds(10),
                Duration.ofSeconds(5), OperatorIdentities.of(WebhookTestServer.OPERATOR), ServerLimits.DEFAULTS);
        WebhookServer webhooks = WebhookServer.start(vertx, settings, metadata, converter,
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT)).toCompletionStage().toCompletableFuture()
                .get(60, TimeUnit.SECONDS);

        // a negative port is Vert.x's shared random port: every instance serves it, as the webhook server's do (with
        // port 0 each instance would listen on a port of its own, and h2load would reach one event loop only)
        HttpServerOptions bareOptions = new HttpServerOptions().setHost("127.0.0.1").setPort(-1000).setSsl(true)
                .setUseAlpn(true).setEnabledSecureTransportProtocols(Set.of("TLSv1.2", "TLSv1.3"))
                .setSslEngineOptions(TlsEngine.choose().options())
                .setKeyCertOptions(new PemKeyCertOptions().setCertPath(certDir.resolve("tls.crt").toString())
                        .setKeyPath(certDir.resolve("tls.key").toString()));
        List<Integer> barePort = new java.util.concurrent.CopyOnWriteArrayList<>();
        Buffer fixed = Buffer.buffer("{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\","
                + "\"response\":{\"uid\":\"00000000-0000-0000-0000-000000000000\",\"allowed\":true}}");
        vertx.deployVerticle(() -> new VerticleBase() {
            @Override
            public Future<?> start() {
                return vertx.createHttpServer(bareOptions)
                        .requestHandler(request -> request.body().onSuccess(body -> request.response()
                                .putHeader("content-type", "application/json").end(fixed)))
                        .listen().onSuccess(server -> barePort.add(server.actualPort()));
            }
        }, new DeploymentOptions().setInstances(instances)).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);

        if (barePort.stream().distinct().count() != 1) {
            throw new IllegalStateException("the bare handler's instances listen on different ports: " + barePort);
        }
        Files.writeString(out.resolve("ports.env"), "WEBHOOK_PORT=" + webhooks.httpsPort() + "\nBARE_PORT="
                + barePort.get(0) + "\nEVENT_LOOPS=" + instances + "\n");
        System.out.println("bench servers ready");
        while (System.in.read() >= 0) {
            // run until the script closes our standard input
        }
        webhooks.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        vertx.close();
    }
}
