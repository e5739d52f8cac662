package dev.aso.controller;

import dev.aso.api.meta.KindCatalog;
import dev.aso.controller.arm.ArmHttp;
import dev.aso.controller.crd.CrdInstaller;
import dev.aso.controller.crd.CrdPattern;
import dev.aso.controller.extensions.KindExtensions;
import dev.aso.controller.observability.HttpEndpoints;
import dev.aso.controller.reconcile.KindBinding;
import dev.aso.controller.settings.Settings;
import dev.aso.controller.settings.SettingsException;
import dev.aso.controller.settings.SettingsLoader;
import dev.aso.conversion.HubConverter;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The controller manager process. Flags: {@code --crd-pattern P} (overrides CRD_PATTERN), {@code --crd-management
 * auto|none} (none: install or upgrade no CRD, use those present), {@code --metrics-addr
 * [host]:port} (default :8080), {@code --health-addr [host]:port} (default :8081), {@code --leader-elect=false}.
 * Settings come from the environment and the {@code aso-controller-settings} Secret in POD_NAMESPACE.
 */
public final class Main {

    private static final Logger LOG = LoggerFactory.getLogger(Main.class);
    public static final String LEASE_NAME = "controllers-leader-election-azinfra-generated";

    private Main() {
    }

    public static void main(String[] args) {
        try {
            Running running = start(args, System.getenv(), new KubernetesClientBuilder().build(), true);
            Runtime.getRuntime().addShutdownHook(new Thread(running::close, "shutdown"));
        } catch (SettingsException | IllegalArgumentException | IllegalStateException e) {
            LOG.error("cannot start: {}", e.getMessage());
            System.err.println("aso-controller: cannot start: " + e.getMessage());
            System.exit(1);
        }
    }

    /**
     * The started controller; {@link #close()} stops it (a lost Lease during close does not end the process).
     *
     * @param ownClient the manager's API client when it is not the one passed to {@link #start}, closed with it
     */
    public record Running(ControllerManager manager, HttpEndpoints endpoints, Set<String> kinds, AtomicBoolean closing,
                          Optional<KubernetesClient> ownClient) implements AutoCloseable {
        @Override
        public void close() {
            closing.set(true);
            if (manager != null) {
                manager.close();
            }
            ownClient.ifPresent(KubernetesClient::close);
            endpoints.close();
        }
    }

    /**
     * @param exitOnLostLease end the process when leadership is lost (the deployable); false in tests, where the
     *                        controller is stopped in-process
     */
    public static Running start(String[] args, Map<String, String> env, KubernetesClient kube, boolean exitOnLostLease) {
        Map<String, String> flags = flags(args);
        Map<String, String> merged = new HashMap<>(env);
        if (flags.containsKey("crd-pattern")) {
            merged.put("CRD_PATTERN", flags.get("crd-pattern"));
        }
        String podNamespace = merged.getOrDefault("POD_NAMESPACE", "azureserviceoperator-system");
        Settings settings = SettingsLoader.load(settingsSecret(kube, podNamespace), merged);
        LOG.info("settings: {}", settings);
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(registry);
        AtomicBoolean ready = new AtomicBoolean(false);
        HttpEndpoints endpoints = HttpEndpoints.start(address(flags.getOrDefault("metrics-addr", ":8080")),
                address(flags.getOrDefault("health-addr", ":8081")), registry, ready::get);
        try {
            // the CRDs first, in every mode: in ASO's multitenant mode the cluster-wide install (webhooks) owns them
            KindCatalog catalog = KindCatalog.load();
            CrdInstaller installer = new CrdInstaller(kube, settings.podNamespace(), catalog);
            CrdInstaller.Result crds = crdManagement(flags).equals("none") ? installer.present()
                    : installer.install(CrdPattern.parse(settings.crdPattern()));
            if (!settings.operatorMode().runsWatchers()) {
                LOG.info("AZURE_OPERATOR_MODE={}: no watchers in this process", settings.operatorMode().value());
                ready.set(true);
                return new Running(null, endpoints, crds.active(), new AtomicBoolean(), Optional.empty());
            }
            // the kinds that are not ARM resources (database users, Entra groups) get their own reconciler there
            List<KindBinding> kinds = catalog.kinds().stream().filter(k -> crds.active().contains(k.groupKind()))
                    .map(KindBinding::of).flatMap(Optional::stream).toList();
            boolean elect = !"false".equalsIgnoreCase(flags.getOrDefault("leader-elect", "true"));
            AtomicBoolean closing = new AtomicBoolean();
            Runnable onLostLease = () -> {
                if (exitOnLostLease && !closing.get()) {
                    LOG.error("lost the leader election Lease; exiting so that the replica restarts as a standby");
                    System.exit(1);
                }
            };
            String identity = env.getOrDefault("HOSTNAME", "aso-controller") + "_" + java.util.UUID.randomUUID();
            ReplicaCoordination coordination = elect ? coordination(kube, settings, identity, onLostLease) : null;
            if (!elect && settings.shardCount() > 1) {
                throw new IllegalArgumentException("SHARD_COUNT=" + settings.shardCount()
                        + " shares the work through Leases: it cannot run with --leader-elect=false");
            }
            KubernetesClient managerClient = StreamingLists.client(kube, settings.streamingLists());
            Optional<KubernetesClient> ownClient = managerClient == kube ? Optional.empty() : Optional.of(managerClient);
            ControllerManager manager;
            try {
                manager = ControllerManager.create(managerClient, settings,
                        ArmHttp.client(ArmHttp.sslContext(settings.additionalCaCertificates())), registry, catalog,
                        new HubConverter(catalog), kinds, KindExtensions.standard(), coordination);
                manager.start();
            } catch (RuntimeException e) {
                ownClient.ifPresent(KubernetesClient::close);
                throw e;
            }
            ready.set(true);
            LOG.info("controller started for {} kinds{}", kinds.size(), !elect ? ""
                    : settings.shardCount() > 1 ? " (" + settings.shardCount() + " shards)" : " (leader election on)");
            return new Running(manager, endpoints, crds.active(), closing, ownClient);
        } catch (RuntimeException e) {
            endpoints.close();
            throw e;
        }
    }

    /** One leader Lease (SHARD_COUNT=1), or a Lease per shard; each on an API client of its own. */
    private static ReplicaCoordination coordination(KubernetesClient kube, Settings settings, String identity,
                                                    Runnable onLostLease) {
        KubernetesClient leaseClient = new KubernetesClientBuilder().withConfig(kube.getConfiguration()).build();
        if (settings.shardCount() == 1) {
            return new LeaderLease(leaseClient, leaderElection(settings.podNamespace(), identity, onLostLease));
        }
        return shardLeases(leaseClient, settings.podNamespace(), identity, settings.shardCount());
    }

    /** The shard Leases {@code <LEASE_NAME>-shard-<i>} with the leader election's timings. */
    static ShardLeases shardLeases(KubernetesClient leaseClient, String namespace, String identity, int count) {
        return new ShardLeases(leaseClient, namespace, LEASE_NAME, identity, java.time.Duration.ofSeconds(15),
                java.time.Duration.ofSeconds(10), java.time.Duration.ofSeconds(2), new Shards(count),
                java.time.Clock.systemUTC());
    }

    /** ASO's {@code --crd-management}: {@code auto} installs and upgrades CRDs by crdPattern, {@code none} leaves them. */
    static String crdManagement(Map<String, String> flags) {
        String value = flags.getOrDefault("crd-management", "auto");
        if (!value.equals("auto") && !value.equals("none")) {
            throw new IllegalArgumentException("--crd-management must be auto or none, got '" + value + "'");
        }
        return value;
    }

    /**
     * ASO's lease name and timings (15 s lease, 10 s renew deadline, 2 s retry), for the replica {@code identity}
     * ({@link LeaderLease} runs it; the flag exitOnStopLeading is unused, {@code onLostLease} decides instead: it also
     * fires when the elector is cancelled by a clean shutdown, so it must not exit then).
     */
    static LeaderElectionConfiguration leaderElection(String namespace, String identity, Runnable onLostLease) {
        return new LeaderElectionConfiguration(LEASE_NAME, namespace, java.time.Duration.ofSeconds(15),
                java.time.Duration.ofSeconds(10), java.time.Duration.ofSeconds(2), identity,
                new LeaderCallbacks(() -> { }, onLostLease, leader -> { }), false);
    }

    private static Map<String, String> settingsSecret(KubernetesClient kube, String namespace) {
        try {
            Secret secret = kube.secrets().inNamespace(namespace).withName(SettingsLoader.SETTINGS_SECRET).get();
            Map<String, String> out = new HashMap<>();
            if (secret != null && secret.getData() != null) {
                secret.getData().forEach((k, v) -> out.put(k, new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8)));
            }
            if (secret != null && secret.getStringData() != null) {
                out.putAll(secret.getStringData());
            }
            return out;
        } catch (KubernetesClientException e) {
            LOG.warn("cannot read Secret {}/{} ({}); using the environment only", namespace, SettingsLoader.SETTINGS_SECRET,
                    e.getMessage());
            return Map.of();
        }
    }

    static Map<String, String> flags(String[] args) {
        Map<String, String> out = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + a + "'");
            }
            String name = a.substring(2);
            String value;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new IllegalArgumentException("flag --" + name + " needs a value");
            }
            if (!Set.of("crd-pattern", "crd-management", "metrics-addr", "health-addr", "leader-elect").contains(name)) {
                throw new IllegalArgumentException("unknown flag --" + name
                        + " (known: --crd-pattern, --crd-management, --metrics-addr, --health-addr, --leader-elect)");
            }
            out.put(name, value);
        }
        return out;
    }

    static InetSocketAddress address(String text) {
        int colon = text.lastIndexOf(':');
        try {
            int port = Integer.parseInt(text.substring(colon + 1));
            String host = colon <= 0 ? "0.0.0.0" : text.substring(0, colon);
            return new InetSocketAddress(host, port);
        } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
            throw new IllegalArgumentException("'" + text + "' is not an address such as :8080 or 127.0.0.1:8080");
        }
    }
}
