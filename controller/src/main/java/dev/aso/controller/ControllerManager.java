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
import dev.aso.controller.reconcile.KindReconciler;
import dev.aso.controller.reconcile.NonArmReconciler;
import dev.aso.controller.reconcile.OperatorNamespaceClaim;
import dev.aso.controller.nonarm.NonArmKinds;
import dev.aso.controller.dbusers.DatabaseServers;
import dev.aso.controller.credentials.GraphClients;
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
import io.javaoperatorsdk.operator.health.InformerWrappingEventSourceHealthIndicator;
import io.javaoperatorsdk.operator.processing.event.rate.LinearRateLimiter;
import io.micrometer.core.instrument.MeterRegistry;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Wires the controller: the generic {@link ResourceReconciler} for ARM kinds and {@link NonArmReconciler} for the
 * others (database users, Entra groups), one {@link ArmReconciler} per kind registered with JOSDK
 * (generation-aware, every event to the reconciler, which keeps the finalizer {@code serviceoperator.azure.com/finalizer}
 * itself; MAX_CONCURRENT_RECONCILES threads shared by every kind, AZURE_TARGET_NAMESPACES), optional leader election
 * ({@link LeaderLease}: the informers start only once this replica leads, on a thread of its own, while the Lease is
 * renewed on its own thread and API client; the Lease is given up on {@link #close()}) or sharding
 * ({@link ShardLeases}); {@link #start()} begins watching, or contending for the Lease. Only kinds with objects get an
 * informer at start; the others wait for their first object ({@link DormantKinds}).
 */
public final class ControllerManager implements AutoCloseable {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ControllerManager.class);

    /** Registers one kind's controller with an operator. */
    @FunctionalInterface
    private interface Registrar {
        void register(Operator operator, KindBinding kind);
    }

    private final KubernetesClient kube;
    private final Settings settings;
    private final List<KindBinding> kinds;
    private final Registrar registrar;
    private final ArmClients clients;
    private final ReplicaCoordination lease;
    private final ReconcileThreads threads;
    private final DormantKinds dormant;
    /** One operator for the kinds that had objects at start, one more per kind woken since. */
    private final List<Operator> operators = new CopyOnWriteArrayList<>();
    private final Set<String> started = ConcurrentHashMap.newKeySet();
    private final ExecutorService waking = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "aso-kind-wake");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean closed;

    private ControllerManager(KubernetesClient kube, Settings settings, List<KindBinding> kinds, Registrar registrar,
                              ArmClients clients, ReplicaCoordination lease) {
        this.kube = kube;
        this.settings = settings;
        this.kinds = kinds;
        this.registrar = registrar;
        this.clients = clients;
        this.lease = lease;
        this.threads = new ReconcileThreads(settings.maxConcurrentReconciles());
        this.dormant = new DormantKinds(kube);
    }

    /**
     * @param extensions     the kinds' own behaviour ({@link KindExtensions#standard()} in production)
     * @param leaderElection null to run without leader election (tests, single replica); a {@link LeaderLease}, or
     *                       {@link ShardLeases} to reconcile only the namespaces of the shards held; closed with the
     *                       manager
     */
    public static ControllerManager create(KubernetesClient kube, Settings settings, HttpClient http, MeterRegistry registry,
                                           KindCatalog catalog, ObjectConverter converter, Collection<KindBinding> kinds,
                                           KindExtensions extensions, ReplicaCoordination leaderElection) {
        return create(kube, settings, http, registry, catalog, converter, kinds, extensions, leaderElection,
                DatabaseServers.azure(settings.additionalCaCertificates()));
    }

    /** @param databases how database users' servers are reached ({@link DatabaseServers#azure}; local servers in tests) */
    public static ControllerManager create(KubernetesClient kube, Settings settings, HttpClient http, MeterRegistry registry,
                                           KindCatalog catalog, ObjectConverter converter, Collection<KindBinding> kinds,
                                           KindExtensions extensions, ReplicaCoordination leaderElection,
                                           DatabaseServers databases) {
        ControllerMetrics metrics = new ControllerMetrics(registry);
        Shards shards = leaderElection == null ? Shards.unsharded() : leaderElection.shards();
        ArmClients clients = new ArmClients(settings, http, new ArmMetricsPolicy(metrics), shards::budgetShare);
        Clock clock = Clock.systemUTC();
        CredentialResolver credentials = new CredentialResolver(kube, settings);
        EventRecorder events = new EventRecorder(kube, clock, "azure-service-operator");
        ResourceReconciler reconciler = new ResourceReconciler(kube, catalog, converter, credentials, clients,
                settings, events, metrics, extensions, clock);
        NonArmReconciler nonArm = new NonArmReconciler(kube, catalog, NonArmKinds.standard(
                new GraphClients(settings, http, settings.graphEndpoint(), settings.graphAudience()), databases),
                credentials, settings, events, metrics, reconciler.ownerWakeups(), clock);
        RateLimit rateLimit = new RateLimit(settings.rateLimit());
        OperatorNamespaceClaim claim = new OperatorNamespaceClaim(events, settings.podNamespace());
        List<KindBinding> reconciled = new ArrayList<>();
        for (KindBinding kind : kinds) {
            if (kind.meta().armType() != null || nonArm.handles(kind)) {
                reconciled.add(kind);
            } else {
                LOG.warn("{} is not an ARM resource and has no reconciler; its objects are not reconciled", kind.name());
            }
        }
        Registrar registrar = (operator, kind) -> register(operator, kind,
                kind.meta().armType() != null ? reconciler : nonArm, kube, settings, rateLimit, claim, shards);
        return new ControllerManager(kube, settings, List.copyOf(reconciled), registrar, clients, leaderElection);
    }

    /**
     * Without leader election: starts the informers, waits for their caches and begins reconciling. With it: begins
     * contending for the Lease and returns; the same start runs on its own thread once this replica leads.
     */
    public void start() {
        if (lease == null) {
            startInformers();
        } else {
            lease.start(this::startInformers);
        }
    }

    /**
     * Starts the informers and waits for their caches (how long that takes is what a restart costs); an informer not
     * synced within JOSDK's cache sync timeout (2 minutes) goes on retrying while the others reconcile.
     */
    private void startInformers() {
        long t0 = System.nanoTime();
        // with target namespaces the controller may not list a kind cluster-wide: every kind starts at once
        DormantKinds.Census census = settings.targetNamespaces().isEmpty() ? dormant.probe(kinds)
                : new DormantKinds.Census(kinds, List.of());
        long probed = (System.nanoTime() - t0) / 1_000_000;
        if (!census.withObjects().isEmpty()) {
            Operator operator = operator(census.withObjects());
            operator.start();
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        Set<String> unsynced = unsyncedControllers();
        String summary = census.withObjects().size() + " kinds with objects (probed in " + probed + " ms; "
                + census.empty().size() + " without, started at their first object)";
        if (unsynced.isEmpty()) {
            LOG.info("informers started and caches synced in {} ms: {}", ms, summary);
        } else {
            LOG.warn("informers started in {} ms: {}; not synced yet, their lists are retried: {}", ms, summary, unsynced);
        }
        dormant.watch(census.empty(), kind -> waking.execute(() -> wake(kind)));
    }

    /** The first object of a kind that had none: its informer and controller start now, in an operator of its own. */
    private void wake(KindBinding kind) {
        if (closed) {
            return;
        }
        long t0 = System.nanoTime();
        Operator operator = operator(List.of(kind));
        try {
            operator.start();
            LOG.info("{} has objects now: informer started in {} ms", kind.name(), (System.nanoTime() - t0) / 1_000_000);
        } catch (RuntimeException e) {
            LOG.error("{} has objects now, but its controller did not start: {}", kind.name(), e.toString());
        }
        if (closed) { // close() ran while this operator started: it may have stopped it before the start
            operator.stop();
        }
    }

    /**
     * A JOSDK operator for {@code some} kinds (JOSDK cannot add a controller to a started operator), on the shared
     * reconcile threads. An informer whose first list fails (an API server too busy to answer a list of 10,000
     * objects within the client's 10 s, seen at 50,000 resources) is retried with backoff while the others run:
     * stopping the operator instead made every restart of a busy cluster exit again, as ASO's replicas flapped in
     * its PR #5707.
     */
    private Operator operator(List<KindBinding> some) {
        Operator operator = new Operator(o -> o.withKubernetesClient(kube).withExecutorService(threads.view())
                .withUseSSAToPatchPrimaryResource(false).withCloseClientOnStop(false)
                .withStopOnInformerErrorDuringStartup(false));
        some.forEach(kind -> registrar.register(operator, kind));
        operators.add(operator);
        some.forEach(kind -> started.add(kind.name()));
        return operator;
    }

    /** The kinds (group/Kind) whose informer and controller have started: those with objects. */
    public Set<String> startedKinds() {
        return Set.copyOf(started);
    }

    /** Controllers with an informer whose cache has not synced (JOSDK's "unhealthy" also means a watch not open yet). */
    private Set<String> unsyncedControllers() {
        Set<String> unsynced = new TreeSet<>();
        for (Operator operator : operators) {
            operator.getRuntimeInfo().unhealthyInformerWrappingEventSourceHealthIndicator().forEach((controller, sources) -> {
                for (InformerWrappingEventSourceHealthIndicator<?> source : sources.values()) {
                    if (source.informerHealthIndicators().values().stream().anyMatch(i -> !i.hasSynced())) {
                        unsynced.add(controller);
                    }
                }
            });
        }
        return unsynced;
    }

    /** How many ARM clients (one per distinct credential) exist. */
    public int armClientCount() {
        return clients.size();
    }

    /** Stops reconciling, then gives up the Lease if this replica holds it, so a standby takes over at once. */
    @Override
    public void close() {
        closed = true;
        dormant.close();
        waking.shutdown();
        operators.forEach(Operator::stop);
        threads.close();
        if (lease != null) {
            lease.close();
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static <R extends CustomResource<?, ?>> void register(Operator operator, KindBinding kind, KindReconciler reconciler,
                                                                 KubernetesClient kube, Settings settings, RateLimit rateLimit,
                                                                 OperatorNamespaceClaim claim, Shards shards) {
        Class<R> type = (Class<R>) kind.hubClass();
        // one list per kind, not pages: at 50,000 resources a restart's informers took 61 s listing whole kinds and
        // 81 s in pages of 500 (one run each on the same API server; at 10,000, 18.7 s and 22.4 s)
        InformerConfiguration<R>.Builder informer = InformerConfiguration.builder(type);
        if (settings.targetNamespaces().isEmpty()) {
            // one informer, so one store of its own (per-namespace informers would share a configured store)
            informer.withWatchAllNamespaces().withItemStore(new SerializedItemStore<>(kube.getKubernetesSerialization(), type));
        } else {
            informer.withNamespaces(new HashSet<>(settings.targetNamespaces()));
        }
        ArmReconciler<R> adapter = new ArmReconciler<>(kind, reconciler, kube, rateLimit, claim,
                shards);
        if (shards.count() > 1) { // every replica caches every namespace; events of other shards are not queued
            informer.withGenericFilter(adapter::admits);
        }
        String name = kind.meta().kind().toLowerCase(java.util.Locale.ROOT) + "." + kind.meta().group();
        // no maximum reconciliation interval: every outcome says when to look again (the resource's sync period after
        // a success, backoff or Retry-After otherwise), so a per-resource period longer than AZURE_SYNC_PERIOD, or
        // never, holds. Every event, deletions included, goes to reconcile (triggerReconcilerOnAllEvents, the last but
        // one argument), which adds the finalizer with its first marks and removes it after the delete.
        ResolvedControllerConfiguration<R> config = new ResolvedControllerConfiguration<>(name, true,
                ArmReconciler.class.getCanonicalName(), new RetryForever(),
                LinearRateLimiter.deactivatedRateLimiter(), null, OperatorAnnotations.FINALIZER, (Map) Map.of(),
                "azure-service-operator", operator.getConfigurationService(), informer.buildForController(), true, null);
        operator.register(adapter, config);
    }
}
