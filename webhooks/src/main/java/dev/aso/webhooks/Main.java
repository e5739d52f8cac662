package dev.aso.webhooks;

import dev.aso.api.meta.KindCatalog;
import dev.aso.conversion.HubConverter;
import dev.aso.conversion.ObjectConverter;
import dev.aso.webhooks.conversion.ConverterCheck;
import dev.aso.webhooks.metadata.MetadataIndex;
import dev.aso.webhooks.selfcert.SelfCertSettings;
import dev.aso.webhooks.selfcert.SelfManagedCertificates;
import dev.aso.webhooks.server.WebhookServer;
import dev.aso.webhooks.server.WebhookSettings;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.vertx5.Vertx5HttpClientFactory;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The webhook server's entry point: {@code --port 9443 --metrics-port 8081 --cert-dir DIR --bind 0.0.0.0}
 * (or the matching {@code ASO_WEBHOOK_*} environment variables); with {@code --cert-mode self-managed} it issues its own
 * certificate first (see {@link SelfCertSettings}). Exits with status 1 and one clear line when
 * the settings, the generated metadata, the converter or the certificate is not usable.
 */
public final class Main {

    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        Vertx vertx = null;
        try {
            SelfCertSettings.Parsed selfCert = SelfCertSettings.extract(args, System.getenv());
            WebhookSettings settings = WebhookSettings.parse(selfCert.remainingArgs(), System.getenv());
            // one catalog for the admission webhooks and the converter; ConverterCheck proves the converter serves every
            // version the catalog lists (the CRDs list the same: the generator writes both from one description)
            KindCatalog catalog = KindCatalog.load();
            MetadataIndex metadata = MetadataIndex.of(catalog);
            ObjectConverter converter = new HubConverter(catalog);
            ConverterCheck.verify(converter, metadata.kindVersions());
            vertx = Vertx.vertx(WebhookServer.vertxOptions());
            SelfManagedCertificates selfManaged = null;
            if (selfCert.selfManaged()) {
                KubernetesClient kube = new KubernetesClientBuilder()
                        .withHttpClientFactory(new Vertx5HttpClientFactory(vertx)).build();
                selfManaged = new SelfManagedCertificates(kube, selfCert.settings(), settings.certDir(), Clock.systemUTC());
                selfManaged.start(vertx);
            }
            PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            WebhookServer server = WebhookServer.start(vertx, settings, metadata, converter, registry)
                    .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
            Vertx running = vertx;
            SelfManagedCertificates certificates = selfManaged;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                LOG.info("shutting down: draining in-flight requests");
                if (certificates != null) {
                    certificates.close();
                }
                server.close().transform(done -> running.close()).toCompletionStage().toCompletableFuture().join();
            }, "aso-webhooks-shutdown"));
        } catch (Exception e) {
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            LOG.error("the webhook server cannot start: {}", cause.getMessage());
            if (vertx != null) {
                vertx.close();
            }
            System.exit(1);
        }
    }
}
