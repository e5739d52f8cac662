package dev.aso.controller;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.aso.api.meta.KindCatalog;
import dev.aso.armemulator.ArmEmulator;
import dev.aso.armemulator.config.EmulatorConfig;
import dev.aso.controller.arm.ArmClient;
import dev.aso.controller.arm.ArmException;
import dev.aso.controller.arm.ArmHttp;
import dev.aso.controller.credentials.ArmClients;
import dev.aso.controller.credentials.AzureCredential;
import dev.aso.controller.observability.ArmMetricsPolicy;
import dev.aso.controller.observability.ControllerMetrics;
import dev.aso.controller.crd.CrdInstaller;
import dev.aso.controller.dbusers.DatabaseServers;
import dev.aso.controller.extensions.KindExtensions;
import dev.aso.controller.crd.CrdPattern;
import dev.aso.controller.reconcile.KindBinding;
import dev.aso.controller.settings.Settings;
import dev.aso.controller.settings.SettingsLoader;
import dev.aso.conversion.ConversionException;
import dev.aso.conversion.HubConverter;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.function.Predicate;

/**
 * The controller against the ARM emulator (HTTPS, real token endpoint) and the fabric8 mock Kubernetes API in CRUD
 * mode, with every shipped CRD installed. The controller can be stopped and started again (a restart).
 */
final class Harness implements AutoCloseable {

    static final String SUBSCRIPTION = EmulatorConfig.DEFAULT_SUBSCRIPTION;
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    final ArmEmulator emulator;
    final KubernetesMockServer server;
    final KubernetesClient kube;
    private static final java.util.logging.Logger MOCK_LOG = quiet("io.fabric8.mockwebserver");

    final KindCatalog catalog = KindCatalog.load();
    final HubConverter converter = new HubConverter(catalog);
    final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private ControllerManager manager;

    /** How the controllers started from here reach database servers (local ones in the database user tests). */
    DatabaseServers databases = DatabaseServers.AZURE;

    Harness() {
        this(null);
    }

    /** @param databaseHost the host name the emulator's database servers report (null: Azure's names) */
    Harness(String databaseHost) {
        emulator = ArmEmulator.builder().typesDir(repoRoot().resolve("azure-types")).databaseHost(databaseHost).build().start();
        Map<ServerRequest, Queue<ServerResponse>> expectations = new HashMap<>();
        server = new KubernetesMockServer(new Context(), new MockWebServer(), expectations,
                new WatchClosesOffEventLoop(new KubernetesMixedDispatcher(expectations)), false);
        server.init(java.net.InetAddress.getLoopbackAddress(), 0);
        allowEverything(server);
        kube = server.createClient();
        new CrdInstaller(kube, "azureserviceoperator-system", catalog).install(CrdPattern.parse("*/*"));
    }

    /**
     * JOSDK checks that it may use Leases before electing a leader; the mock API has no authorization API, so its
     * SelfSubjectRulesReview answers "everything". Other requests go to the CRUD store.
     */
    static void allowEverything(KubernetesMockServer server) {
        server.expect().post().withPath("/apis/authorization.k8s.io/v1/selfsubjectrulesreviews").andReturn(201, Map.of(
                "apiVersion", "authorization.k8s.io/v1", "kind", "SelfSubjectRulesReview", "metadata", Map.of(),
                "spec", Map.of("namespace", "aso-system"), "status", Map.of("incomplete", false, "nonResourceRules", List.of(),
                        "resourceRules", List.of(Map.of("verbs", List.of("*"), "apiGroups", List.of("*"),
                                "resources", List.of("*")))))).always();
    }

    private static java.util.logging.Logger quiet(String name) {
        java.util.logging.Logger l = java.util.logging.Logger.getLogger(name);
        l.setLevel(java.util.logging.Level.WARNING);
        return l;
    }

    static Path repoRoot() {
        return Path.of(System.getProperty("aso.repoRoot", ".."));
    }

    /** The global credential of the emulator, pointed at it, plus {@code extra}. */
    Map<String, String> env(Map<String, String> extra) {
        Map<String, String> env = new HashMap<>();
        env.put("AZURE_SUBSCRIPTION_ID", SUBSCRIPTION);
        env.put("AZURE_TENANT_ID", EmulatorConfig.DEFAULT_TENANT);
        env.put("AZURE_CLIENT_ID", EmulatorConfig.DEFAULT_CLIENT);
        env.put("AZURE_CLIENT_SECRET", EmulatorConfig.DEFAULT_SECRET);
        env.put("AZURE_AUTHORITY_HOST", emulator.baseUrl());
        env.put("AZURE_RESOURCE_MANAGER_ENDPOINT", emulator.baseUrl());
        env.put("AZURE_GRAPH_ENDPOINT", emulator.baseUrl());
        env.put("POD_NAMESPACE", "aso-system");
        env.putAll(extra);
        return env;
    }

    ControllerManager startController(Map<String, String> extraEnv) {
        return startController(extraEnv, KindExtensions.standard());
    }

    /** The controller with {@code extensions} in place of the production ones. */
    ControllerManager startController(Map<String, String> extraEnv, KindExtensions extensions) {
        manager = controller(kube, extraEnv, null, extensions);
        manager.start();
        return manager;
    }

    /** Another controller (not started, not stopped by {@link #close()}) on its own API client, for every kind. */
    ControllerManager controller(KubernetesClient client, Map<String, String> extraEnv, ReplicaCoordination election) {
        return controller(client, extraEnv, election, KindExtensions.standard());
    }

    private ControllerManager controller(KubernetesClient client, Map<String, String> extraEnv,
                                         ReplicaCoordination election, KindExtensions extensions) {
        Settings settings = SettingsLoader.load(Map.of(), env(extraEnv));
        List<KindBinding> kinds = catalog.kinds().stream().map(KindBinding::of).flatMap(Optional::stream).toList();
        return ControllerManager.create(client, settings, ArmHttp.client(emulator.sslContext()), registry, catalog,
                converter, kinds, extensions, election, databases);
    }

    /** A client of the emulator with the global credential, to look at (or change) Azure behind the controller. */
    ArmClient arm() {
        Settings settings = SettingsLoader.load(Map.of(), env(Map.of()));
        ArmClients clients = new ArmClients(settings, ArmHttp.client(emulator.sslContext()),
                new ArmMetricsPolicy(new ControllerMetrics(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT))), () -> 1.0);
        return clients.forCredential(new AzureCredential("test", SUBSCRIPTION, EmulatorConfig.DEFAULT_TENANT,
                EmulatorConfig.DEFAULT_CLIENT, settings.clientSecret(), null, null));
    }

    /** The Azure resource, or empty when ARM says 404. */
    Optional<JsonNode> azure(String id, String apiVersion) {
        try {
            return Optional.of(arm().get(id, apiVersion).body());
        } catch (ArmException e) {
            if (e.notFound()) {
                return Optional.empty();
            }
            throw new AssertionError("ARM GET " + id + ": " + e.code() + " " + e.getMessage(), e);
        }
    }

    static String rgId(String name) {
        return "/subscriptions/" + SUBSCRIPTION + "/resourceGroups/" + name;
    }

    /** Deletes the object (the controller's finalizer then runs). */
    void delete(String group, String kind, String namespace, String name) {
        var meta = catalog.kind(group, kind).orElseThrow();
        kube.genericKubernetesResources(context(group + "/" + meta.hubVersion(), kind)).inNamespace(namespace).withName(name).delete();
    }

    /** Changes the spec of an object by a JSON merge patch (the generation goes up). */
    void patchSpec(String group, String kind, String namespace, String name, String specJson) {
        var meta = catalog.kind(group, kind).orElseThrow();
        kube.genericKubernetesResources(context(group + "/" + meta.hubVersion(), kind)).inNamespace(namespace).withName(name)
                .patch(io.fabric8.kubernetes.client.dsl.base.PatchContext.of(io.fabric8.kubernetes.client.dsl.base.PatchType.JSON_MERGE),
                        "{\"spec\":" + specJson + "}");
    }

    /** Waits until {@code check} holds. */
    /** Closes each of the replicas and clients, in order, whatever the others do (some were killed on purpose). */
    static void closeQuietly(java.util.List<AutoCloseable> closeables) {
        for (AutoCloseable c : closeables) {
            try {
                c.close();
            } catch (Exception e) {
                // a replica whose API clients were closed on purpose
            }
        }
    }

    static void eventually(Duration timeout, String what, java.util.function.BooleanSupplier check) {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            if (check.getAsBoolean()) {
                return;
            }
            sleep(100);
        }
        throw new AssertionError("timed out after " + timeout + ": " + what);
    }

    void stopController() {
        if (manager != null) {
            manager.close();
            manager = null;
        }
    }

    void namespace(String name, Map<String, String> annotations) {
        kube.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name).withAnnotations(annotations)
                .endMetadata().build()).createOr(op -> op.update());
    }

    /** Creates the object (YAML) and returns it. */
    GenericKubernetesResource apply(String yaml) {
        try {
            ObjectNode hub = toHub((ObjectNode) YAML.readTree(yaml));
            GenericKubernetesResource r = kube.getKubernetesSerialization().convertValue(hub, GenericKubernetesResource.class);
            return kube.genericKubernetesResources(context(r.getApiVersion(), r.getKind())).inNamespace(r.getMetadata().getNamespace())
                    .resource(r).create();
        } catch (RuntimeException | java.io.IOException | ConversionException e) {
            throw new IllegalStateException("cannot create " + yaml + ": " + e.getMessage(), e);
        }
    }

    /** A started harness (controller with default settings) with a Ready ResourceGroup {@code default/<name>}. */
    static Harness startedWithResourceGroup(String name, Duration wait) {
        Harness h = new Harness();
        h.startController(Map.of());
        h.applyResourceGroup("default", name, "");
        h.await("resources.azure.com", "ResourceGroup", "default", name, wait, readyNow());
        return h;
    }

    /** Creates a ResourceGroup in westus with the given annotations (YAML flow-map entries, may be empty). */
    GenericKubernetesResource applyResourceGroup(String namespace, String name, String annotations) {
        return apply("""
                apiVersion: resources.azure.com/v1api20200601
                kind: ResourceGroup
                metadata: {name: %s, namespace: %s, annotations: {%s}}
                spec: {location: westus}
                """.formatted(name, namespace, annotations));
    }

    /** The object at the hub version, as the apiserver stores it after the conversion webhook. */
    ObjectNode toHub(ObjectNode obj) throws ConversionException {
        String group = obj.path("apiVersion").asText().split("/")[0];
        var meta = catalog.kind(group, obj.path("kind").asText()).orElseThrow();
        return converter.convert(obj, group + "/" + meta.hubVersion());
    }

    /** The object at its hub version, as JSON, or null. */
    ObjectNode get(String group, String kind, String namespace, String name) {
        var meta = catalog.kind(group, kind).orElseThrow();
        GenericKubernetesResource r = kube.genericKubernetesResources(context(group + "/" + meta.hubVersion(), kind))
                .inNamespace(namespace).withName(name).get();
        return r == null ? null : kube.getKubernetesSerialization().convertValue(r, ObjectNode.class);
    }

    ResourceDefinitionContext context(String apiVersion, String kind) {
        String group = apiVersion.substring(0, apiVersion.indexOf('/'));
        var meta = catalog.kind(group, kind).orElseThrow(() -> new IllegalArgumentException("unknown kind " + kind));
        return new ResourceDefinitionContext.Builder().withGroup(group).withVersion(meta.hubVersion()).withKind(kind)
                .withPlural(meta.plural()).withNamespaced(true).build();
    }

    /** Waits (up to {@code timeout}) until the object satisfies {@code test}; returns it. */
    ObjectNode await(String group, String kind, String namespace, String name, Duration timeout, Predicate<JsonNode> test) {
        long end = System.nanoTime() + timeout.toNanos();
        ObjectNode last = null;
        while (System.nanoTime() < end) {
            last = get(group, kind, namespace, name);
            if (last != null && test.test(last)) {
                return last;
            }
            sleep(100);
        }
        throw new AssertionError("timed out after " + timeout + " waiting on " + kind + " " + namespace + "/" + name
                + "; last seen: " + (last == null ? "absent" : last.toPrettyString()));
    }

    void awaitGone(String group, String kind, String namespace, String name, Duration timeout) {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            if (get(group, kind, namespace, name) == null) {
                return;
            }
            sleep(100);
        }
        throw new AssertionError(kind + " " + namespace + "/" + name + " still exists after " + timeout + ": "
                + get(group, kind, namespace, name).toPrettyString());
    }

    /**
     * Whether the object has the annotation. The mock API keeps the null of a JSON merge patch that removes a key
     * (kube-apiserver drops the key), so a removed annotation reads as null here.
     */
    static boolean hasAnnotation(JsonNode obj, String key) {
        return obj.path("metadata").path("annotations").path(key).isTextual();
    }

    /** A value of a Secret's data, decoded. */
    static String secretValue(io.fabric8.kubernetes.api.model.Secret secret, String key) {
        return new String(java.util.Base64.getDecoder().decode(secret.getData().get(key)), java.nio.charset.StandardCharsets.UTF_8);
    }

    static JsonNode ready(JsonNode obj) {
        for (JsonNode c : obj.path("status").path("conditions")) {
            if (c.path("type").asText().equals("Ready")) {
                return c;
            }
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }

    static Predicate<JsonNode> readyIs(String status, String reason) {
        return o -> status.equals(ready(o).path("status").asText()) && (reason == null || reason.equals(ready(o).path("reason").asText()));
    }

    /** Ready=True for the current generation. */
    static Predicate<JsonNode> readyNow() {
        return o -> "True".equals(ready(o).path("status").asText())
                && ready(o).path("observedGeneration").asLong() == o.path("metadata").path("generation").asLong();
    }

    /** ARM write counters of the emulator. */
    Map<String, Long> writes() {
        return new HashMap<>(emulator.requestLog().writeCounters());
    }

    long writes(String key) {
        return emulator.requestLog().writeCounters().getOrDefault(key, 0L);
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        stopController();
        kube.close();
        server.destroy();
        emulator.stop();
    }
}
