package dev.aso.controller;

import dev.aso.armemulator.ArmEmulator;
import dev.aso.armemulator.config.EmulatorConfig;
import dev.aso.controller.settings.SettingsException;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The deployable's start-up: CRDs by crdPattern, probes, metrics, leader election, clear start errors. */
class MainTest {

    static final io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext RG =
            new io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext.Builder().withGroup("resources.azure.com")
                    .withVersion("v1api20200601storage").withKind("ResourceGroup").withPlural("resourcegroups")
                    .withNamespaced(true).build();

    ArmEmulator emulator;
    KubernetesMockServer server;
    KubernetesClient kube;

    @BeforeEach
    void start() {
        emulator = ArmEmulator.builder().typesDir(Harness.repoRoot().resolve("azure-types")).build().start();
        Map<ServerRequest, Queue<ServerResponse>> expectations = new HashMap<>();
        server = new KubernetesMockServer(new Context(), new MockWebServer(), expectations,
                new WatchClosesOffEventLoop(new KubernetesMixedDispatcher(expectations)), false);
        server.init(java.net.InetAddress.getLoopbackAddress(), 0);
        Harness.allowEverything(server);
        kube = server.createClient();
    }

    @AfterEach
    void stop() {
        kube.close();
        server.destroy();
        emulator.stop();
    }

    private Map<String, String> env(Path ca) throws Exception {
        Files.writeString(ca, emulator.caCertificatePem());
        Map<String, String> env = new HashMap<>();
        env.put("AZURE_SUBSCRIPTION_ID", EmulatorConfig.DEFAULT_SUBSCRIPTION);
        env.put("AZURE_TENANT_ID", EmulatorConfig.DEFAULT_TENANT);
        env.put("AZURE_CLIENT_ID", EmulatorConfig.DEFAULT_CLIENT);
        env.put("AZURE_AUTHORITY_HOST", emulator.baseUrl());
        env.put("AZURE_RESOURCE_MANAGER_ENDPOINT", emulator.baseUrl());
        env.put("AZURE_ADDITIONAL_CA_CERTIFICATES", ca.toString());
        env.put("POD_NAMESPACE", "aso-system");
        return env;
    }

    private List<String> crdNames() {
        return kube.apiextensions().v1().customResourceDefinitions().list().getItems().stream()
                .map(c -> c.getMetadata().getName()).sorted().toList();
    }

    @Test
    void installsCrdsByPatternServesProbesAndMetricsAndReconciles(@TempDir Path dir) throws Exception {
        Map<String, String> env = env(dir.resolve("ca.crt"));
        // the client secret comes from the settings Secret, as the chart delivers it
        kube.secrets().inNamespace("aso-system").resource(new io.fabric8.kubernetes.api.model.SecretBuilder().withNewMetadata()
                .withName("aso-controller-settings").endMetadata().withStringData(Map.of("AZURE_CLIENT_SECRET",
                        EmulatorConfig.DEFAULT_SECRET, "AZURE_SYNC_PERIOD", "10m")).build()).create();
        try (Main.Running running = Main.start(new String[] {"--crd-pattern", "resources.azure.com/*;managedidentity.azure.com/User*",
                "--metrics-addr", "127.0.0.1:0", "--health-addr", "127.0.0.1:0"}, env, kube, false)) {
            assertThat(crdNames()).containsExactly("resourcegroups.resources.azure.com",
                    "userassignedidentities.managedidentity.azure.com");
            assertThat(get(running.endpoints().healthPort(), "/healthz").statusCode()).isEqualTo(200);
            assertThat(get(running.endpoints().healthPort(), "/readyz").statusCode()).isEqualTo(200);

            Harness.eventually(Duration.ofSeconds(30), "the leader election Lease", () ->
                    kube.leases().inNamespace("aso-system").withName(Main.LEASE_NAME).get() != null);
            kube.genericKubernetesResources(RG).inNamespace("default")
                    .resource(kube.getKubernetesSerialization().unmarshal("""
                            apiVersion: resources.azure.com/v1api20200601storage
                            kind: ResourceGroup
                            metadata: {name: rg-main, namespace: default}
                            spec: {location: westus, originalVersion: v1api20200601}
                            """, io.fabric8.kubernetes.api.model.GenericKubernetesResource.class)).create();
            Harness.eventually(Duration.ofSeconds(30), "rg-main Ready", () -> {
                var r = kube.genericKubernetesResources(RG)
                        .inNamespace("default").withName("rg-main").get();
                return r != null && String.valueOf(r.getAdditionalProperties().get("status")).contains("status=True");
            });
            String metrics = get(running.endpoints().metricsPort(), "/metrics").body();
            assertThat(metrics).contains("azure_successful_requests_total{requestOperation=\"PUT\",resource=\"Microsoft.Resources/resourceGroups\",responseCode=\"201\"}")
                    .contains("aso_reconcile_duration_seconds_count{kind=\"ResourceGroup\",result=\"success\"}")
                    .contains("aso_time_to_ready_seconds_count{kind=\"ResourceGroup\"}")
                    .contains("jvm_memory_used_bytes");
        }
        // a second start with another pattern adds and upgrades, never deletes
        CustomResourceDefinition rg = kube.apiextensions().v1().customResourceDefinitions().withName("resourcegroups.resources.azure.com").get();
        rg.getSpec().getNames().setShortNames(List.of("changed-by-hand"));
        kube.resource(rg).update();
        try (Main.Running running = Main.start(new String[] {"--crd-pattern", "cache.azure.com/Redis", "--metrics-addr", "127.0.0.1:0",
                "--health-addr", "127.0.0.1:0", "--leader-elect=false"}, env, kube, false)) {
            assertThat(crdNames()).containsExactly("redis.cache.azure.com", "resourcegroups.resources.azure.com",
                    "userassignedidentities.managedidentity.azure.com");
            assertThat(running.kinds()).hasSize(3);
            assertThat(kube.apiextensions().v1().customResourceDefinitions().withName("resourcegroups.resources.azure.com").get()
                    .getSpec().getNames().getShortNames()).doesNotContain("changed-by-hand");
        }
    }

    /** ASO's multitenant mode: the cluster-wide install runs only webhooks, and owns the CRDs. */
    @Test
    void theWebhooksModeInstallsTheCrdsAndWatchesNothing(@TempDir Path dir) throws Exception {
        Map<String, String> env = env(dir.resolve("ca.crt"));
        env.put("AZURE_CLIENT_SECRET", "x");
        env.put("AZURE_OPERATOR_MODE", "webhooks");
        try (Main.Running running = Main.start(new String[] {"--crd-pattern", "resources.azure.com/*", "--metrics-addr",
                "127.0.0.1:0", "--health-addr", "127.0.0.1:0"}, env, kube, false)) {
            assertThat(crdNames()).containsExactly("resourcegroups.resources.azure.com");
            assertThat(running.manager()).isNull();
            assertThat(kube.leases().inNamespace("aso-system").withName(Main.LEASE_NAME).get()).isNull();
        }
    }

    @Test
    void emptyPatternOnAFreshClusterIsAClearError(@TempDir Path dir) throws Exception {
        Map<String, String> env = env(dir.resolve("ca.crt"));
        env.put("AZURE_CLIENT_SECRET", "x");
        assertThatThrownBy(() -> Main.start(new String[] {"--metrics-addr", "127.0.0.1:0", "--health-addr", "127.0.0.1:0"}, env, kube, false))
                .hasMessageContaining("crdPattern is empty and no Azure Service Operator CRDs are installed");
        assertThatThrownBy(() -> Main.start(new String[] {"--crd-pattern", "resources"}, env, kube, false))
                .hasMessageContaining("crdPattern: 'resources' is not of the form group/Kind");
    }

    @Test
    void invalidSettingsStopStartUpNamingTheKey(@TempDir Path dir) throws Exception {
        Map<String, String> env = env(dir.resolve("ca.crt"));
        env.put("AZURE_CLIENT_SECRET", "x");
        env.put("MAX_CONCURRENT_RECONCILES", "many");
        assertThatThrownBy(() -> Main.start(new String[] {"--crd-pattern", "*/*"}, env, kube, false))
                .isInstanceOf(SettingsException.class).hasMessageContaining("MAX_CONCURRENT_RECONCILES: 'many'");
        assertThatThrownBy(() -> Main.start(new String[] {"--bogus", "1"}, env, kube, false)).hasMessageContaining("unknown flag --bogus");
    }

    private static HttpResponse<String> get(int port, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
