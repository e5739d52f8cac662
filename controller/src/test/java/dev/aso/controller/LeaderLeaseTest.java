package dev.aso.controller;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Lease is renewed on its own thread and API client whatever the leader's start is doing: while the start (in
 * production the informers of every kind listing and syncing their caches) takes twice the lease duration, the holder
 * keeps renewing at its retry period and a contending replica never takes over. With the start run inside the
 * elector's acquire step (JOSDK's way), the first renewal waits for it and the contender takes the Lease.
 */
class LeaderLeaseTest {

    static final Duration LEASE = Duration.ofSeconds(3);
    static final Duration RENEW_DEADLINE = Duration.ofSeconds(2);
    static final Duration RETRY = Duration.ofMillis(500);
    static final String NS = "aso-system";

    KubernetesMockServer server;
    KubernetesClient observer;
    final List<AutoCloseable> closing = new ArrayList<>();

    @BeforeEach
    void start() {
        var expectations = new HashMap<io.fabric8.mockwebserver.ServerRequest, java.util.Queue<io.fabric8.mockwebserver.ServerResponse>>();
        server = new KubernetesMockServer(new Context(), new MockWebServer(), expectations,
                new KubernetesMixedDispatcher(expectations), false);
        server.init(java.net.InetAddress.getLoopbackAddress(), 0);
        observer = server.createClient();
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : closing) {
            c.close();
        }
        observer.close();
        server.destroy();
    }

    @Test
    void renewalsContinueWhileTheLeadersStartIsBusy() throws Exception {
        CountDownLatch releaseStart = new CountDownLatch(1);
        CountDownLatch startBegan = new CountDownLatch(1);
        LeaderLease a = lease("replica-a", new AtomicInteger());
        a.start(() -> {
            startBegan.countDown();
            try {
                releaseStart.await(); // the informers' first list of every kind, as long as the test holds it
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertThat(startBegan.await(10, TimeUnit.SECONDS)).as("replica-a leads and begins its start").isTrue();

        AtomicInteger bLeads = new AtomicInteger();
        LeaderLease b = lease("replica-b", bLeads);
        b.start(() -> { });

        // the start stays busy for twice the lease duration; sample the Lease as another client sees it
        List<ZonedDateTime> renewals = new ArrayList<>();
        List<String> holders = new ArrayList<>();
        long end = System.nanoTime() + LEASE.multipliedBy(2).toNanos();
        while (System.nanoTime() < end) {
            Lease lease = observer.leases().inNamespace(NS).withName("lease").get();
            holders.add(lease.getSpec().getHolderIdentity());
            ZonedDateTime renewed = lease.getSpec().getRenewTime();
            if (renewals.isEmpty() || !renewals.get(renewals.size() - 1).equals(renewed)) {
                renewals.add(renewed);
            }
            Thread.sleep(100);
        }
        releaseStart.countDown();

        Duration longestGap = Duration.ZERO;
        for (int i = 1; i < renewals.size(); i++) {
            Duration gap = Duration.between(renewals.get(i - 1), renewals.get(i));
            longestGap = gap.compareTo(longestGap) > 0 ? gap : longestGap;
        }
        System.out.println("leader lease: " + renewals.size() + " renewals in " + LEASE.multipliedBy(2).toMillis()
                + " ms of a busy start, longest gap " + longestGap.toMillis() + " ms");
        assertThat(holders).as("replica-a holds the Lease throughout").containsOnly("replica-a");
        assertThat(bLeads).as("replica-b never leads").hasValue(0);
        assertThat(a.leading()).isTrue();
        assertThat(renewals.size()).as("renewed about every retry period").isGreaterThanOrEqualTo(6);
        assertThat(longestGap).as("no renewal further apart than the renew deadline").isLessThan(RENEW_DEADLINE);
    }

    @Test
    void closeGivesTheLeaseUpSoAStandbyTakesOverBeforeItWouldExpire() throws Exception {
        Duration longLease = Duration.ofSeconds(20);
        CountDownLatch aLeads = new CountDownLatch(1);
        LeaderLease a = lease("replica-a", new AtomicInteger(), longLease);
        a.start(aLeads::countDown);
        assertThat(aLeads.await(10, TimeUnit.SECONDS)).isTrue();
        CountDownLatch bLeads = new CountDownLatch(1);
        LeaderLease b = lease("replica-b", new AtomicInteger(), longLease);
        b.start(bLeads::countDown);
        Thread.sleep(RETRY.multipliedBy(3).toMillis());
        assertThat(bLeads.getCount()).as("replica-b waits while replica-a holds the Lease").isEqualTo(1);

        long closed = System.nanoTime();
        a.close();
        assertThat(bLeads.await(longLease.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
        Duration handover = Duration.ofNanos(System.nanoTime() - closed);
        System.out.println("leader lease: handover after close took " + handover.toMillis() + " ms");
        assertThat(handover).as("the Lease was given up, not left to expire").isLessThan(longLease.dividedBy(4));
        assertThat(observer.leases().inNamespace(NS).withName("lease").get().getSpec().getHolderIdentity()).isEqualTo("replica-b");
    }

    private LeaderLease lease(String identity, AtomicInteger leads) {
        return lease(identity, leads, LEASE);
    }

    private LeaderLease lease(String identity, AtomicInteger leads, Duration leaseDuration) {
        LeaderLease lease = new LeaderLease(server.createClient(), new LeaderElectionConfiguration("lease", NS, leaseDuration,
                RENEW_DEADLINE, RETRY, identity, new LeaderCallbacks(leads::incrementAndGet, () -> { }, l -> { }), false));
        closing.add(0, lease);
        return lease;
    }
}
