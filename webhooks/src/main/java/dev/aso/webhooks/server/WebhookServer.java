package dev.aso.webhooks.server;

import dev.aso.conversion.ObjectConverter;
import dev.aso.webhooks.admission.AdmissionEndpoint;
import dev.aso.webhooks.admission.AdmissionExtensions;
import dev.aso.webhooks.admission.Defaulting;
import dev.aso.webhooks.admission.OperatorIdentities;
import dev.aso.webhooks.admission.Validation;
import dev.aso.webhooks.conversion.ConversionEndpoint;
import dev.aso.webhooks.metadata.KindVersion;
import dev.aso.webhooks.metadata.MetadataIndex;
import dev.aso.webhooks.tls.CertificateException;
import dev.aso.webhooks.tls.CertificateReloader;
import dev.aso.webhooks.tls.PemCertificate;
import dev.aso.webhooks.tls.TlsEngine;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.ServerSSLOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The webhook server: HTTPS (HTTP/1.1 and HTTP/2 via ALPN, TLS 1.2+) on one event loop per instance, serving every
 * kind's {@code /mutate-...} and {@code /validate-...} path and {@code /convert}; plus the plain health and metrics
 * port. Stateless: any number of replicas may run.
 */
public final class WebhookServer {

    public static final String CONVERT_PATH = "/convert";
    private static final Logger LOG = LoggerFactory.getLogger(WebhookServer.class);
    /** Distinct negative ports, one per server listening on a random port (see {@link #sharedPort}). */
    private static final AtomicInteger RANDOM_PORT_KEYS = new AtomicInteger();

    private final Vertx vertx;
    private final WebhookSettings settings;
    private final List<HttpServer> httpsServers = new CopyOnWriteArrayList<>();
    private volatile boolean ready;
    private HttpServerOptions options;
    private CertificateReloader reloader;
    private HealthServer health;
    private String deploymentId;

    private WebhookServer(Vertx vertx, WebhookSettings settings) {
        this.vertx = vertx;
        this.settings = settings;
    }

    /**
     * Loads the certificate (failing with a message naming the file when it is missing or broken), then listens on
     * both ports.
     */
    public static Future<WebhookServer> start(Vertx vertx, WebhookSettings settings, MetadataIndex metadata,
                                              ObjectConverter converter, PrometheusMeterRegistry registry) {
        PemCertificate certificate;
        try {
            certificate = PemCertificate.load(settings.certDir());
        } catch (CertificateException e) {
            return Future.failedFuture(e);
        }
        WebhookServer server = new WebhookServer(vertx, settings);
        WebhookMetrics metrics = new WebhookMetrics(registry);
        return server.listen(certificate, routes(metadata, converter, metrics, settings.operator()), metrics, registry)
                .map(server);
    }

    static Map<String, WebhookRequestHandler.Route> routes(MetadataIndex metadata, ObjectConverter converter,
                                                           WebhookMetrics metrics, OperatorIdentities operator) {
        Map<String, WebhookRequestHandler.Route> routes = new HashMap<>();
        AdmissionExtensions extensions = AdmissionExtensions.standard();
        Defaulting defaulting = new Defaulting(extensions);
        Validation validation = new Validation(operator, extensions);
        for (KindVersion kv : metadata.kindVersions()) {
            routes.put(kv.mutatePath(), new WebhookRequestHandler.Route(new AdmissionEndpoint(kv, defaulting),
                    metrics.webhook(kv.mutatePath())));
            routes.put(kv.validatePath(), new WebhookRequestHandler.Route(new AdmissionEndpoint(kv, validation),
                    metrics.webhook(kv.validatePath())));
        }
        routes.put(CONVERT_PATH, new WebhookRequestHandler.Route(new ConversionEndpoint(converter),
                metrics.webhook(CONVERT_PATH)));
        return routes;
    }

    private Future<Void> listen(PemCertificate certificate, Map<String, WebhookRequestHandler.Route> routes,
                                WebhookMetrics metrics, PrometheusMeterRegistry registry) {
        TlsEngine tlsEngine = TlsEngine.choose();
        ServerLimits limits = settings.limits();
        options = new HttpServerOptions()
                .setHost(settings.bind())
                .setPort(sharedPort(settings.port()))
                .setSsl(true)
                .setUseAlpn(true)
                .setEnabledSecureTransportProtocols(Set.of("TLSv1.2", "TLSv1.3"))
                .setSslEngineOptions(tlsEngine.options())
                .setKeyCertOptions(certificate.keyCertOptions())
                .setIdleTimeout((int) Math.min(Integer.MAX_VALUE, limits.idleTimeout().toMillis()))
                .setIdleTimeoutUnit(TimeUnit.MILLISECONDS);
        options.getInitialSettings().setMaxConcurrentStreams(limits.maxConcurrentStreams());
        BodyBudget budget = new BodyBudget(limits.maxBodyBytesInFlight());
        ConnectionLimit connections = new ConnectionLimit(limits.maxConnections());
        metrics.server(connections, budget);
        WebhookRequestHandler handler = new WebhookRequestHandler(
                vertx.createSharedWorkerExecutor("aso-webhooks-large-requests", settings.instances()), routes, metrics,
                budget, new BodyDeadline(vertx, limits.bodyTimeout()));
        return HealthServer.start(vertx, settings.bind(), settings.metricsPort(), () -> ready, registry)
                .compose(started -> {
                    health = started;
                    return vertx.deployVerticle(() -> new HttpsVerticle(handler, connections),
                            new DeploymentOptions().setInstances(settings.instances()));
                })
                .map(id -> {
                    deploymentId = id;
                    reloader = new CertificateReloader(vertx, settings.certDir(), certificate, this::useCertificate,
                            settings.certPoll());
                    reloader.start();
                    ready = true;
                    LOG.info("webhooks listening on https://{}:{} ({} routes, {} event loops), health and metrics on"
                                    + " http://{}:{}; certificate {}; TLS {}; transport {}; operator identities {}",
                            settings.bind(), httpsPort(), routes.size(), settings.instances(), settings.bind(),
                            health.port(), certificate.describe(), tlsEngine.description(), transport(vertx),
                            settings.operator());
                    return null;
                });
    }

    /** The Vert.x the server runs best on: Linux's epoll transport where its native library loads, else NIO. */
    public static VertxOptions vertxOptions() {
        return new VertxOptions().setPreferNativeTransport(true);
    }

    private static String transport(Vertx vertx) {
        if (vertx.isNativeTransportEnabled()) {
            return "native";
        }
        Throwable cause = vertx.unavailableNativeTransportCause();
        return "NIO" + (cause == null ? "" : " (native transport unavailable: " + cause.getMessage() + ")");
    }

    /**
     * Port 0 (tests, the local run) becomes a random port that all of this server's instances share: Vert.x shares a
     * listening socket among servers asking for the same port, and a negative port is its way of asking for a random
     * one shared by the servers with that same value (each asking for port 0 would get a port of its own, and the
     * server's one address would reach only one event loop).
     */
    private static int sharedPort(int port) {
        return port != 0 ? port : -RANDOM_PORT_KEYS.incrementAndGet();
    }

    /** Swaps the certificate on every listening instance; connections already open keep theirs. */
    private Future<?> useCertificate(PemCertificate certificate) {
        ServerSSLOptions ssl = options.getSslOptions().copy().setKeyCertOptions(certificate.keyCertOptions());
        return Future.all(httpsServers.stream().map(s -> s.updateSSLOptions(ssl, true)).toList());
    }

    public int httpsPort() {
        return httpsServers.get(0).actualPort();
    }

    public int metricsPort() {
        return health.port();
    }

    public boolean isReady() {
        return ready;
    }

    /** Stops accepting connections, lets in-flight requests finish (up to the settings' grace), then stops. */
    public Future<Void> close() {
        ready = false;
        if (reloader != null) {
            reloader.close();
        }
        long graceMillis = settings.shutdownGrace().toMillis();
        return Future.all(httpsServers.stream().map(s -> s.shutdown(graceMillis, TimeUnit.MILLISECONDS)).toList())
                .transform(ignored -> deploymentId == null ? Future.succeededFuture() : vertx.undeploy(deploymentId))
                .transform(ignored -> health == null ? Future.<Void>succeededFuture() : health.close())
                .mapEmpty();
    }

    /** One HTTPS listener on one event loop; Vert.x shares the port among the instances. */
    private final class HttpsVerticle extends VerticleBase {
        private final WebhookRequestHandler handler;
        private final ConnectionLimit connections;

        HttpsVerticle(WebhookRequestHandler handler, ConnectionLimit connections) {
            this.handler = handler;
            this.connections = connections;
        }

        @Override
        public Future<?> start() {
            HttpServer server = vertx.createHttpServer(new HttpServerOptions(options)).requestHandler(handler)
                    .connectionHandler(connections);
            return server.listen().onSuccess(httpsServers::add);
        }
    }
}
