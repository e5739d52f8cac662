package dev.aso.controller;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aso.armemulator.config.EmulatorConfig;
import dev.aso.armemulator.config.EmulatorConfig.ClientConfig;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two or three controller replicas on one API with ASO's Lease and timings (15 s lease, 2 s retry): only the leader
 * reconciles; a replica that stops hands the Lease over at once; a replica that dies (its API connection gone) is
 * replaced within the lease duration (both its API clients, the reconcilers' and the Lease's, closed); every resource group is PUT exactly once across replicas (the emulator's write
 * counters). Each replica uses its own Azure client id, so the emulator's request log says which one wrote.
 */
class LeaderElectionTest {

    static final Duration LEASE = Duration.ofSeconds(15);
    static final Duration RETRY = Duration.ofSeconds(2);
    static final Duration WAIT = Duration.ofSeconds(40);
    static final String CLIENT_B = "00000000-0000-0000-0000-0000000006cc";
    static final String SECRET_B = "replica-b-client-secret";
    static final String RG_PUTS = "PUT Microsoft.Resources/resourceGroups";
    static Harness h;
    static final List<AutoCloseable> cleanup = new ArrayList<>();

    @BeforeAll
    static void start() {
        h = new Harness();
        h.emulator.directory().putClient(new ClientConfig(CLIENT_B, EmulatorConfig.DEFAULT_TENANT, SECRET_B, null, null,
                List.of(Harness.SUBSCRIPTION)));
        h.namespace("ha", Map.of());
    }

    @AfterAll
    static void stop() {
        Harness.closeQuietly(cleanup);
        h.close();
    }

    @Test
    void onlyTheLeaderReconcilesAndAnotherTakesOverWhenItStopsOrDies() {
        ControllerManager a = replica("replica-a", Map.of());
        awaitLeader("replica-a", WAIT);
        KubernetesClient kubeB = h.server.createClient();
        KubernetesClient leaseB = h.server.createClient();
        ControllerManager b = replica("replica-b", kubeB, leaseB, Map.of("AZURE_CLIENT_ID", CLIENT_B, "AZURE_CLIENT_SECRET", SECRET_B));

        createReady("rg-ha-1", "rg-ha-2", "rg-ha-3");
        assertThat(putsBy()).containsOnlyKeys(EmulatorConfig.DEFAULT_CLIENT);
        assertThat(h.emulator.requestLog().entries(e -> CLIENT_B.equals(e.clientId()))).as("the follower calls nothing").isEmpty();
        assertThat(leader()).isEqualTo("replica-a");

        // a graceful stop (a rolling update) hands the Lease over without waiting for it to expire
        long stopped = System.nanoTime();
        a.close();
        awaitLeader("replica-b", LEASE.plus(RETRY));
        Duration handover = Duration.ofNanos(System.nanoTime() - stopped);
        System.out.println("leader election: handover after a graceful stop took " + handover.toMillis() + " ms");
        assertThat(handover).as("well before the Lease would expire").isLessThan(LEASE.dividedBy(2));
        createReady("rg-ha-4", "rg-ha-5");
        assertThat(putsBy().get(CLIENT_B)).isEqualTo(2);

        // a replica that dies keeps the Lease until it expires; a standby then takes over and reconciles
        replica("replica-c", Map.of());
        Harness.sleep(RETRY.toMillis() * 2);
        assertThat(leader()).isEqualTo("replica-b");
        long died = System.nanoTime();
        kubeB.close();
        leaseB.close();
        awaitLeader("replica-c", LEASE.plus(RETRY).plus(RETRY));
        Duration takeover = Duration.ofNanos(System.nanoTime() - died);
        System.out.println("leader election: takeover after the leader died took " + takeover.toMillis() + " ms");
        // the Lease's expiry plus a retry, and one more retry of slack for a loaded machine (17.08 s was seen once)
        assertThat(takeover).isLessThanOrEqualTo(LEASE.plus(RETRY).plus(RETRY));
        createReady("rg-ha-6");

        Map<String, Long> byName = h.emulator.requestLog().entries(e -> e.method().equals("PUT")
                && e.path().contains("/resourceGroups/rg-ha-")).stream()
                .collect(Collectors.groupingBy(e -> e.path().substring(e.path().lastIndexOf('/') + 1), Collectors.counting()));
        assertThat(byName).as("one PUT per resource group across the replicas").hasSize(6).allSatisfy((k, v) -> assertThat(v).isEqualTo(1));
        JsonNode counters = h.emulator.adminClient().writeCounters();
        assertThat(counters.path(RG_PUTS).asLong()).as("emulator write counter " + RG_PUTS).isEqualTo(6);
    }

    private static ControllerManager replica(String identity, Map<String, String> env) {
        return replica(identity, h.server.createClient(), h.server.createClient(), env);
    }

    /** A replica whose reconcilers use {@code client} and whose Lease is kept with {@code leaseClient}. */
    private static ControllerManager replica(String identity, KubernetesClient client, KubernetesClient leaseClient,
                                             Map<String, String> env) {
        ControllerManager m = h.controller(client, env, new LeaderLease(leaseClient, Main.leaderElection("aso-system", identity, () -> { })));
        cleanup.add(0, client);
        cleanup.add(0, m);
        m.start();
        return m;
    }

    private static void createReady(String... names) {
        for (String name : names) {
            h.apply("""
                    apiVersion: resources.azure.com/v1api20200601
                    kind: ResourceGroup
                    metadata: {name: %s, namespace: ha}
                    spec: {location: westus}
                    """.formatted(name));
        }
        for (String name : names) {
            h.await("resources.azure.com", "ResourceGroup", "ha", name, WAIT, Harness.readyNow());
        }
    }

    /** Resource group PUTs by the client id that made them. */
    private static Map<String, Long> putsBy() {
        return h.emulator.requestLog().entries(e -> e.method().equals("PUT") && e.path().contains("/resourceGroups/rg-ha-"))
                .stream().collect(Collectors.groupingBy(e -> e.clientId(), Collectors.counting()));
    }

    private static String leader() {
        Lease lease = h.kube.leases().inNamespace("aso-system").withName(Main.LEASE_NAME).get();
        return lease == null ? null : lease.getSpec().getHolderIdentity();
    }

    private static void awaitLeader(String identity, Duration timeout) {
        Harness.eventually(timeout, identity + " holds the Lease", () -> identity.equals(leader()));
    }
}
