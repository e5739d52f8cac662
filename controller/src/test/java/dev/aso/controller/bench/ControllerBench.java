package dev.aso.controller.bench;

import dev.aso.armemulator.ArmEmulator;
import dev.aso.armemulator.config.EmulatorConfig;
import dev.aso.controller.WatchClosesOffEventLoop;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The environment and driver of hack/bench-controller.sh: the ARM emulator (no latency) and the mock Kubernetes API
 * in this process, the controller in another (started by the script once {@code env.sh} appears, its pid written to
 * {@code controller.pid}). Creates N resource groups, times them to Ready, counts ARM writes, then counts the writes
 * of one full resync. Bounded: gives up after {@code 4 * timeoutSeconds}.
 */
public final class ControllerBench {

    private static final Logger MOCK_LOG = Logger.getLogger("io.fabric8.mockwebserver");
    private static final ResourceDefinitionContext RG = new ResourceDefinitionContext.Builder().withGroup("resources.azure.com")
            .withVersion("v1api20200601storage").withKind("ResourceGroup").withPlural("resourcegroups").withNamespaced(true).build();

    private ControllerBench() {
    }

    public static void main(String[] args) throws Exception {
        MOCK_LOG.setLevel(Level.WARNING);
        Path work = Path.of(args[0]);
        int count = Integer.parseInt(args[1]);
        long timeoutSeconds = Long.parseLong(args[2]);
        long resyncSeconds = Long.parseLong(args[3]);
        ArmEmulator emulator = ArmEmulator.builder().typesDir(Path.of(args[4])).build().start();
        KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new WatchClosesOffEventLoop(new KubernetesCrudDispatcher(List.of())), false);
        server.init(java.net.InetAddress.getLoopbackAddress(), 0);
        KubernetesClient kube = server.createClient();
        Files.writeString(work.resolve("ca.crt"), emulator.caCertificatePem());
        Files.writeString(work.resolve("env.sh.tmp"), String.join("\n",
                "export KUBERNETES_MASTER=" + kube.getMasterUrl(),
                "export ARM_URL=" + emulator.baseUrl(),
                "export AZURE_SUBSCRIPTION_ID=" + EmulatorConfig.DEFAULT_SUBSCRIPTION,
                "export AZURE_TENANT_ID=" + EmulatorConfig.DEFAULT_TENANT,
                "export AZURE_CLIENT_ID=" + EmulatorConfig.DEFAULT_CLIENT,
                "export AZURE_CLIENT_SECRET=" + EmulatorConfig.DEFAULT_SECRET, ""));
        Files.move(work.resolve("env.sh.tmp"), work.resolve("env.sh"));
        try {
            long pid = Long.parseLong(await(work.resolve("controller.pid"), timeoutSeconds).trim());
            awaitCrd(kube, timeoutSeconds);
            run(kube, emulator, pid, count, timeoutSeconds, resyncSeconds);
        } finally {
            kube.close();
            server.destroy();
            emulator.stop();
        }
    }

    private static void run(KubernetesClient kube, ArmEmulator emulator, long pid, int count, long timeout, long resync)
            throws Exception {
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        for (int i = 0; i < count; i++) {
            String name = "bench-rg-" + i;
            pool.submit(() -> kube.genericKubernetesResources(RG).inNamespace("default").resource(resourceGroup(kube, name)).create());
        }
        pool.shutdown();
        pool.awaitTermination(timeout, TimeUnit.SECONDS);
        double created = (System.nanoTime() - start) / 1e9;
        long ready = 0;
        while (System.nanoTime() - start < timeout * 1_000_000_000L) {
            ready = kube.genericKubernetesResources(RG).inNamespace("default").list().getItems().stream()
                    .filter(ControllerBench::isReady).count();
            if (ready == count) {
                break;
            }
            Thread.sleep(1000);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<String, Long> writes = emulator.requestLog().writeCounters();
        long rssAfterCreate = rssKiB(pid, "VmRSS");
        System.out.printf("resources              %d (created in %.1f s)%n", count, created);
        System.out.printf("ready                  %d%n", ready);
        System.out.printf("time to all Ready      %.1f s%n", seconds);
        System.out.printf("ARM writes (create)    %d  %s%n", total(writes), writes);
        System.out.printf("controller RSS         %d MiB (peak %d MiB)%n", rssAfterCreate / 1024, rssKiB(pid, "VmHWM") / 1024);

        emulator.requestLog().clear();
        long resyncStart = System.nanoTime();
        long gets = 0;
        while (System.nanoTime() - resyncStart < (resync * 2 + 30) * 1_000_000_000L) {
            gets = emulator.requestLog().entries(e -> e.method().equals("GET") && e.path().contains("/resourceGroups/bench-rg-")).stream()
                    .map(e -> e.path().toLowerCase()).distinct().count();
            if (gets >= count) {
                break;
            }
            Thread.sleep(500);
        }
        Map<String, Long> resyncWrites = emulator.requestLog().writeCounters();
        System.out.printf("resync: resources read %d in %.1f s%n", gets, (System.nanoTime() - resyncStart) / 1e9);
        System.out.printf("ARM writes (resync)    %d  %s%n", total(resyncWrites), resyncWrites);
        System.out.printf("controller RSS         %d MiB after resync (peak %d MiB)%n", rssKiB(pid, "VmRSS") / 1024,
                rssKiB(pid, "VmHWM") / 1024);
        if (ready != count || gets < count) {
            System.out.println("INCOMPLETE: not every resource became Ready or was resynced in time");
            System.exit(2);
        }
    }

    private static GenericKubernetesResource resourceGroup(KubernetesClient kube, String name) {
        return kube.getKubernetesSerialization().unmarshal("""
                apiVersion: resources.azure.com/v1api20200601storage
                kind: ResourceGroup
                metadata: {name: %s, namespace: default}
                spec: {location: westus, originalVersion: v1api20200601, tags: {bench: "true"}}
                """.formatted(name), GenericKubernetesResource.class);
    }

    @SuppressWarnings("unchecked")
    private static boolean isReady(GenericKubernetesResource r) {
        Object status = r.getAdditionalProperties().get("status");
        if (!(status instanceof Map<?, ?> s) || !(s.get("conditions") instanceof List<?> conditions)) {
            return false;
        }
        return conditions.stream().anyMatch(c -> c instanceof Map<?, ?> m && "Ready".equals(m.get("type"))
                && "True".equals(m.get("status")));
    }

    private static long total(Map<String, Long> writes) {
        return writes.entrySet().stream().filter(e -> !e.getKey().contains(" ")).mapToLong(Map.Entry::getValue).sum();
    }

    private static long rssKiB(long pid, String field) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }

    private static String await(Path file, long timeoutSeconds) throws Exception {
        long end = System.nanoTime() + timeoutSeconds * 1_000_000_000L;
        while (System.nanoTime() < end) {
            if (Files.exists(file)) {
                return Files.readString(file);
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException(file + " did not appear within " + timeoutSeconds + " s");
    }

    private static void awaitCrd(KubernetesClient kube, long timeoutSeconds) throws Exception {
        long end = System.nanoTime() + timeoutSeconds * 1_000_000_000L;
        while (System.nanoTime() < end) {
            if (kube.apiextensions().v1().customResourceDefinitions().withName("resourcegroups.resources.azure.com").get() != null) {
                Thread.sleep(2000); // let the controller's informers start
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the controller did not install the ResourceGroup CRD within " + timeoutSeconds + " s");
    }
}
