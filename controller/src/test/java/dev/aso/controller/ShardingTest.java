package dev.aso.controller;

import dev.aso.armemulator.config.EmulatorConfig;
import dev.aso.armemulator.config.EmulatorConfig.ClientConfig;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Resources sharded by namespace across two replicas (SHARD_COUNT=4, {@link ShardLeases}) on one API and the ARM
 * emulator, with shorter Lease timings than production (6 s lease, 4 s renew deadline, 1 s retry) to keep the test
 * short: a second replica takes half the shards from the first; each resource group is PUT exactly once, by the
 * replica holding its namespace's shard (each replica has its own Azure client id, so the emulator's log says which);
 * a replica that dies (its API clients closed, nothing given up) has its shards taken by the other within the lease
 * duration plus two rounds, and their resources are reconciled there, those created while no live replica held
 * their shard included.
 */
class ShardingTest {

    static final int SHARDS = 4;
    static final Duration LEASE = Duration.ofSeconds(6);
    static final Duration RETRY = Duration.ofSeconds(1);
    static final Duration WAIT = Duration.ofSeconds(40);
    static final String CLIENT_B = "00000000-0000-0000-0000-0000000007dd";
    static final String SECRET_B = "shard-b-client-secret";
    static Harness h;
    static final List<AutoCloseable> cleanup = new ArrayList<>();
    /** Two namespaces per shard. */
    static final Map<Integer, List<String>> NAMESPACES = new TreeMap<>();

    @BeforeAll
    static void start() {
        h = new Harness();
        h.emulator.directory().putClient(new ClientConfig(CLIENT_B, EmulatorConfig.DEFAULT_TENANT, SECRET_B, null, null,
                List.of(Harness.SUBSCRIPTION)));
        Shards shards = new Shards(SHARDS);
        for (int i = 0; NAMESPACES.values().stream().mapToInt(List::size).sum() < 2 * SHARDS; i++) {
            String ns = "team-" + i;
            List<String> of = NAMESPACES.computeIfAbsent(shards.of(ns), s -> new ArrayList<>());
            if (of.size() < 2) {
                of.add(ns);
                h.namespace(ns, Map.of());
            }
        }
    }

    @AfterAll
    static void stop() {
        Harness.closeQuietly(cleanup);
        h.close();
    }

    @Test
    void shardsSplitEachResourceIsPutOnceAndADeadReplicasShardsMove() {
        KubernetesClient kubeB = h.server.createClient();
        KubernetesClient leaseB = h.server.createClient();
        replica("shard-a", h.server.createClient(), h.server.createClient(), Map.of());
        Harness.eventually(WAIT, "shard-a holds every shard", () -> holders().values().stream().allMatch("shard-a"::equals));
        replica("shard-b", kubeB, leaseB, Map.of("AZURE_CLIENT_ID", CLIENT_B, "AZURE_CLIENT_SECRET", SECRET_B));
        Harness.eventually(WAIT, "the shards split two and two", () -> counts(holders()).equals(Map.of("shard-a", 2L, "shard-b", 2L)));
        Map<Integer, String> split = holders();
        System.out.println("sharding: shards after the second replica joined: " + split);

        createReady("rg-first");
        Map<String, String> putBy = putsByNamespace();
        assertThat(putBy).hasSize(2 * SHARDS);
        NAMESPACES.forEach((shard, namespaces) -> namespaces.forEach(ns -> assertThat(putBy.get(ns))
                .as("the PUT in %s (shard %d, held by %s)", ns, shard, split.get(shard))
                .isEqualTo(split.get(shard).equals("shard-a") ? EmulatorConfig.DEFAULT_CLIENT : CLIENT_B)));

        // shard-b dies: its API connections are gone, nothing is given up; shard-a takes its shards once they expire
        long died = System.nanoTime();
        kubeB.close();
        leaseB.close();
        applyAll("rg-between"); // while the dead replica's shards are held by no live replica
        Harness.eventually(LEASE.plus(RETRY.multipliedBy(6)), "shard-a holds every shard again",
                () -> holders().values().stream().allMatch("shard-a"::equals));
        Duration takeover = Duration.ofNanos(System.nanoTime() - died);
        System.out.println("sharding: takeover of a dead replica's shards took " + takeover.toMillis() + " ms");
        assertThat(takeover).as("within the lease duration plus two rounds").isLessThanOrEqualTo(LEASE.plus(RETRY.multipliedBy(2)));

        awaitReady("rg-between");
        createReady("rg-second");
        Map<String, Long> puts = h.emulator.requestLog().entries(e -> e.method().equals("PUT") && e.path().contains("/resourceGroups/rg-"))
                .stream().collect(Collectors.groupingBy(e -> e.path().substring(e.path().lastIndexOf('/') + 1), Collectors.counting()));
        assertThat(puts).as("one PUT per resource group across the replicas").hasSize(6 * SHARDS)
                .allSatisfy((name, n) -> assertThat(n).as(name).isEqualTo(1));
        assertThat(h.emulator.requestLog().entries(e -> e.method().equals("PUT") && e.path().contains("/resourceGroups/rg-second")
                && CLIENT_B.equals(e.clientId()))).as("the dead replica wrote nothing more").isEmpty();
    }

    private static void replica(String identity, KubernetesClient client, KubernetesClient leaseClient, Map<String, String> env) {
        ShardLeases leases = new ShardLeases(leaseClient, "aso-system", Main.LEASE_NAME, identity, LEASE,
                LEASE.minusSeconds(2), RETRY, new Shards(SHARDS), Clock.systemUTC());
        Map<String, String> settings = new HashMap<>(env);
        settings.put("SHARD_COUNT", Integer.toString(SHARDS));
        ControllerManager m = h.controller(client, settings, leases);
        cleanup.add(0, client);
        cleanup.add(0, m);
        m.start();
    }

    /** A resource group {@code <prefix>-<namespace>} in every namespace, each awaited Ready. */
    private static void createReady(String prefix) {
        applyAll(prefix);
        awaitReady(prefix);
    }

    private static void applyAll(String prefix) {
        for (String ns : NAMESPACES.values().stream().flatMap(List::stream).toList()) {
            h.apply("""
                    apiVersion: resources.azure.com/v1api20200601
                    kind: ResourceGroup
                    metadata: {name: %s-%s, namespace: %s}
                    spec: {location: westus}
                    """.formatted(prefix, ns, ns));
        }
    }

    private static void awaitReady(String prefix) {
        for (String ns : NAMESPACES.values().stream().flatMap(List::stream).toList()) {
            h.await("resources.azure.com", "ResourceGroup", ns, prefix + "-" + ns, WAIT, Harness.readyNow());
        }
    }

    /** The client id that PUT each namespace's first resource group, by namespace. */
    private static Map<String, String> putsByNamespace() {
        return h.emulator.requestLog().entries(e -> e.method().equals("PUT") && e.path().contains("/resourceGroups/rg-first-"))
                .stream().collect(Collectors.toMap(e -> e.path().substring(e.path().indexOf("rg-first-") + "rg-first-".length()),
                        e -> e.clientId()));
    }

    /** The replica (identity) holding each shard Lease now; absent when free. */
    private static Map<Integer, String> holders() {
        Map<Integer, String> out = new TreeMap<>();
        IntStream.range(0, SHARDS).forEach(i -> {
            Lease l = h.kube.leases().inNamespace("aso-system").withName(Main.LEASE_NAME + "-shard-" + i).get();
            if (l != null && l.getSpec().getHolderIdentity() != null) {
                out.put(i, l.getSpec().getHolderIdentity());
            }
        });
        return out.size() == SHARDS ? out : Map.of(-1, "free");
    }

    private static Map<String, Long> counts(Map<Integer, String> holders) {
        return holders.values().stream().collect(Collectors.groupingBy(s -> s, Collectors.counting()));
    }
}
