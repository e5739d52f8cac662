package dev.aso.controller;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfig;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElector;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectorBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Leader election on a Lease (fabric8's {@link LeaderElector}) that nothing else in the process can hold up:
 * <ul>
 *   <li>its own API client ({@code leaseClient}: its own HTTP connections and event loop), so a renewal never queues
 *   behind the informers' lists and watches or the reconcilers' requests;</li>
 *   <li>its own thread, which does nothing but acquire and renew;</li>
 *   <li>the leader's work ({@code onLeading}: starting the informers, syncing their caches, reconciling) started on a
 *   thread of its own, not inside the elector's acquire step as JOSDK's elector does (there a long start postpones
 *   the first renewal past the lease, and another replica takes over while this one still reconciles).</li>
 * </ul>
 * On {@link #close()} the Lease is given up (holder cleared, one-second duration, guarded by its resourceVersion), so
 * a standby takes over at its next retry. Losing the Lease otherwise calls the configuration's stop-leading callback.
 */
public final class LeaderLease implements ReplicaCoordination {

    private static final Logger LOG = LoggerFactory.getLogger(LeaderLease.class);

    private static final Shards SHARDS = Shards.unsharded();

    private final KubernetesClient leaseClient;
    private final LeaderElectionConfiguration config;
    private final ExecutorService renewer = Executors.newSingleThreadExecutor(daemon("aso-lease-renewal"));
    private volatile CompletableFuture<?> election;
    private volatile boolean leading;

    /**
     * @param leaseClient an API client used for the Lease alone (closed by {@link #close()})
     * @param config      Lease name, namespace, identity, timings and the callbacks (stop-leading: lost or given up)
     */
    public LeaderLease(KubernetesClient leaseClient, LeaderElectionConfiguration config) {
        this.leaseClient = leaseClient;
        this.config = config;
    }

    /** Starts contending for the Lease; {@code onLeading} runs on its own thread once this replica holds it. */
    @Override
    public synchronized void start(Runnable onLeading) {
        if (election != null) {
            throw new IllegalStateException("already started");
        }
        String namespace = config.getLeaseNamespace().orElseThrow(() -> new IllegalArgumentException("no Lease namespace"));
        String identity = config.getIdentity().orElseThrow(() -> new IllegalArgumentException("no identity"));
        LeaderCallbacks given = config.getLeaderCallbacks().orElse(new LeaderCallbacks(() -> { }, () -> { }, l -> { }));
        LeaderCallbacks callbacks = new LeaderCallbacks(() -> startLeading(onLeading, given), () -> {
            leading = false;
            given.onStopLeading();
        }, given::onNewLeader);
        LeaderElector elector = new LeaderElectorBuilder(leaseClient, renewer).withConfig(new LeaderElectionConfig(
                new LeaseLock(namespace, config.getLeaseName(), identity), config.getLeaseDuration(),
                config.getRenewDeadline(), config.getRetryPeriod(), callbacks, true, config.getLeaseName())).build();
        election = elector.start();
        LOG.info("contending for the leader election Lease {}/{} as {}", namespace, config.getLeaseName(), identity);
    }

    /** The leader reconciles every namespace. */
    @Override
    public Shards shards() {
        return SHARDS;
    }

    /** Whether this replica holds the Lease (as last seen by its elector). */
    public boolean leading() {
        return leading;
    }

    private void startLeading(Runnable onLeading, LeaderCallbacks given) {
        leading = true;
        LOG.info("acquired the leader election Lease {}; starting the controllers", config.getLeaseName());
        given.onStartLeading();
        Thread start = daemon("aso-leader-start").newThread(() -> {
            try {
                onLeading.run();
            } catch (RuntimeException e) {
                LOG.error("the controllers could not start as leader: {}", e.toString(), e);
                given.onStopLeading();
            }
        });
        start.start();
    }

    /** Stops renewing, gives the Lease up if this replica holds it, and closes the Lease's API client. */
    @Override
    public synchronized void close() {
        if (election != null) {
            election.cancel(true); // fabric8 gives the Lease up, on this thread or on the renewal thread
        }
        renewer.shutdown();
        try {
            if (!renewer.awaitTermination(config.getRenewDeadline().toMillis(), TimeUnit.MILLISECONDS)) {
                renewer.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        leaseClient.close();
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
