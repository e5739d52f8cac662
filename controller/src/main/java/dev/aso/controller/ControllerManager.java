package dev.aso.controller;

import com.azure.core.http.HttpClient;
import dev.aso.api.meta.KindCatalog;
import dev.aso.controller.credentials.ArmClients;
import dev.aso.controller.credentials.CredentialResolver;
import dev.aso.controller.observability.ArmMetricsPolicy;
import dev.aso.controller.observability.ControllerMetrics;
import dev.aso.controller.observability.EventRecorder;
import dev.aso.api.meta.OperatorAnnotations;
import dev.aso.controller.extensions.KindExtensions;
import dev.aso.controller.reconcile.ArmReconciler;
import dev.aso.controller.reconcile.KindBinding;
import dev.aso.controller.reconcile.RateLimit;
import dev.aso.controller.reconcile.ResourceReconciler;
import dev.aso.controller.reconcile.RetryForever;
import dev.aso.controller.settings.Settings;
import dev.aso.conversion.ObjectConverter;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.ResolvedControllerConfiguration;
import io.javaoperatorsdk.operator.api.config.informer.InformerConfiguration;
import io.javaoperatorsdk.operator.processing.event.rate.LinearRateLimiter;
import io.micrometer.core.instrument.MeterRegistry;

import java.time.Clock;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;

/**
 * Wires the controller: the generic {@link ResourceReconciler}, one {@link ArmReconciler} per kind registered with JOSDK
 * (finalizer {@code serviceoperator.azure.com/finalizer}, generation-aware, MAX_CONCURRENT_RECONCILES threads,
 * AZURE_TARGET_NAMESPACES), optional leader election ({@link LeaderLease}: the informers start only once this replica
 * leads, on a thread of their own, while the Lease is renewed on its own thread and API client; the Lease is given up on
 * {@link #close()}); {@link #start()} begins watching, or contending for the Lease.
 */
public final class ControllerManager implements AutoCloseable {

    private final Operator operator;
    private final ArmClients clients;
    private final LeaderLease lease;

    private ControllerManager(Operator operator, ArmClients clients, LeaderLease lease) {
        this.operator = operator;
        this.clients = clients;
        this.lease = lease;
    }

    /**
     * @param extensions     the kinds' own behaviour ({@link KindExtensions#standard()} in production)
     * @param leaderElection null to run without leader election (tests, single replica); closed with the manager
     */
    public static ControllerManager create(KubernetesClient kube, Settings settings, HttpClient http, MeterRegistry registry,
                                           KindCatalog catalog, ObjectConverter converter, Collection<KindBinding> kinds,
                                           KindExtensions extensions, LeaderLease leaderElection) {
        ControllerMetrics metrics = new ControllerMetrics(registry);
        ArmClients clients = new ArmClients(settings, http, new ArmMetricsPolicy(metrics));
        Clock clock = Clock.systemUTC();
        ResourceReconciler reconciler = new ResourceReconciler(kube, catalog, converter, new CredentialResolver(kube, settings), clients,
                settings, new EventRecorder(kube, clock, "azure-service-operator"), metrics, extensions, clock);
        Operator operator = new Operator(o -> {
            o.withKubernetesClient(kube).withConcurrentReconciliationThreads(settings.maxConcurrentReconciles())
                    .withUseSSAToPatchPrimaryResource(false).withCloseClientOnStop(false)
                    .withStopOnInformerErrorDuringStartup(true);
        });
        RateLimit rateLimit = new RateLimit(settings.rateLimit());
        for (KindBinding kind : kinds) {
            register(operator, kind, reconciler, kube, settings, rateLimit);
        }
        return new ControllerManager(operator, clients, leaderElection);
    }

    /**
     * Without leader election: starts the informers, waits for their caches and begins reconciling. With it: begins
     * contending for the Lease and returns; the same start runs on its own thread once this replica leads.
     */
    public void start() {
        if (lease == null) {
            operator.start();
        } else {
            lease.start(operator::start);
        }
    }

    /** How many ARM clients (one per distinct credential) exist. */
    public int armClientCount() {
        return clients.size();
    }

    /** Stops reconciling, then gives up the Lease if this replica holds it, so a standby takes over at once. */
    @Override
    public void close() {
        operator.stop();
        if (lease != null) {
            lease.close();
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static <R extends CustomResource<?, ?>> void register(Operator operator, KindBinding kind, ResourceReconciler reconciler,
                                                                 KubernetesClient kube, Settings settings, RateLimit rateLimit) {
        Class<R> type = (Class<R>) kind.hubClass();
        InformerConfiguration<R>.Builder informer = InformerConfiguration.builder(type);
        if (settings.targetNamespaces().isEmpty()) {
            informer.withWatchAllNamespaces();
        } else {
            informer.withNamespaces(new HashSet<>(settings.targetNamespaces()));
        }
        String name = kind.meta().kind().toLowerCase(java.util.Locale.ROOT) + "." + kind.meta().group();
        // no maximum reconciliation interval: every outcome says when to look again (the resource's sync period after
        // a success, backoff or Retry-After otherwise), so a per-resource period longer than AZURE_SYNC_PERIOD, or
        // never, holds
        ResolvedControllerConfiguration<R> config = new ResolvedControllerConfiguration<>(name, true,
                ArmReconciler.class.getCanonicalName(), new RetryForever(),
                LinearRateLimiter.deactivatedRateLimiter(), null, OperatorAnnotations.FINALIZER, (Map) Map.of(),
                "azure-service-operator", operator.getConfigurationService(), informer.buildForController(), false, null);
        operator.register(new ArmReconciler<R>(kind, reconciler, kube.getKubernetesSerialization(), rateLimit), config);
    }
}
