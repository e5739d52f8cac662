package dev.aso.controller;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The shard Leases of a replica, when resources are sharded (SHARD_COUNT &gt; 1): Kubernetes Leases are the only
 * coordination. Every retry period, on a thread and an API client of its own (as {@link LeaderLease}), a replica
 * <ol>
 *   <li>renews its member Lease {@code <name>-member-<identity>}: the live members are those renewed within the
 *   lease duration (members expired for a minute are deleted by whoever sees them);</li>
 *   <li>works out its share: the live members sorted by identity, the first {@code count mod members} take
 *   {@code ceil(count / members)} shards, the others the floor, so the shares add up to the shard count;</li>
 *   <li>renews each shard Lease {@code <name>-shard-<i>} it holds (a shard whose renewal has failed for the renew
 *   deadline is lost: dropped at once, well before another replica may take it when the lease expires);</li>
 *   <li>above its share, hands one shard over: stops admitting its reconciles and, once none is in flight, gives its
 *   Lease up (holder cleared) for another replica to take at its next round;</li>
 *   <li>below its share, takes shard Leases that are free or expired.</li>
 * </ol>
 * Every write is guarded by the Lease's resourceVersion, so two replicas never both take one shard. A replica that
 * dies stops renewing: its member and shard Leases expire and the others take its shards within the lease duration
 * plus a round.
 */
public final class ShardLeases implements ReplicaCoordination {

    private static final Logger LOG = LoggerFactory.getLogger(ShardLeases.class);
    private static final Duration FORGET_MEMBER = Duration.ofMinutes(1);

    private final KubernetesClient client;
    private final String namespace;
    private final String name;
    private final String identity;
    private final Duration leaseDuration;
    private final Duration renewDeadline;
    private final Duration retryPeriod;
    private final Shards shards;
    private final Clock clock;
    private final Map<Integer, ZonedDateTime> lastRenewed = new HashMap<>(); // the shard Leases held
    private final Map<Integer, Long> admitUntil = new HashMap<>(); // their renew deadlines, System.nanoTime()
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "aso-shard-leases");
        t.setDaemon(true);
        return t;
    });

    /**
     * @param client an API client for the Leases alone (closed by {@link #close()})
     * @param name   the Leases' name prefix (the leader election Lease's name)
     */
    public ShardLeases(KubernetesClient client, String namespace, String name, String identity, Duration leaseDuration,
                       Duration renewDeadline, Duration retryPeriod, Shards shards, Clock clock) {
        this.client = client;
        this.namespace = namespace;
        this.name = name;
        this.identity = identity;
        this.leaseDuration = leaseDuration;
        this.renewDeadline = renewDeadline;
        this.retryPeriod = retryPeriod;
        this.shards = shards;
        this.clock = clock;
    }

    public String shardLeaseName(int shard) {
        return name + "-shard-" + shard;
    }

    /**
     * Starts the rounds (the first at once) and the informers, on a thread of their own: every replica watches every
     * namespace, and acts only for its shards' (the informers' filter and {@link Shards#enter}).
     */
    @Override
    public void start(Runnable startInformers) {
        LOG.info("contending for {} shard Leases {}/{}-shard-* as {}", shards.count(), namespace, name, identity);
        thread.scheduleWithFixedDelay(this::round, 0, retryPeriod.toMillis(), TimeUnit.MILLISECONDS);
        Thread start = new Thread(() -> {
            try {
                startInformers.run();
            } catch (RuntimeException e) { // no informers: give the shards up for the other replicas
                LOG.error("the controllers could not start; giving the shards up: {}", e.toString(), e);
                close();
            }
        }, "aso-informers-start");
        start.setDaemon(true);
        start.start();
    }

    @Override
    public Shards shards() {
        return shards;
    }

    /** One round; after a failure (the API server unreachable) the next round tries again. */
    void round() {
        try {
            Map<String, Lease> leases = new HashMap<>();
            for (Lease l : client.leases().inNamespace(namespace).list().getItems()) {
                leases.put(l.getMetadata().getName(), l);
            }
            renewMember(leases.get(memberLeaseName()));
            int share = share(liveMembers(leases));
            for (int shard : List.copyOf(lastRenewed.keySet())) {
                renew(shard, leases.get(shardLeaseName(shard)));
            }
            if (lastRenewed.size() > share) {
                handOver(leases);
                return;
            }
            lastRenewed.keySet().stream().filter(i -> !shards.held().contains(i)) // a hand-over no longer needed
                    .forEach(i -> shards.held(i, admitUntil.get(i)));
            for (int i = 0; i < shards.count() && lastRenewed.size() < share; i++) {
                Lease l = leases.get(shardLeaseName(i));
                if (!lastRenewed.containsKey(i) && free(l)) {
                    take(i, l);
                }
            }
        } catch (RuntimeException e) { // the API server unreachable, say: shards not renewed in time are dropped
            LOG.warn("shard Leases: {}", e.toString());
            dropExpired();
        }
    }

    /** This replica's number of shards among the live members (itself included). */
    int share(List<String> members) {
        int rank = Math.max(0, members.indexOf(identity));
        int n = Math.max(1, members.size());
        return shards.count() / n + (rank < shards.count() % n ? 1 : 0);
    }

    private List<String> liveMembers(Map<String, Lease> leases) {
        List<String> live = new ArrayList<>();
        String prefix = name + "-member-";
        for (Lease l : leases.values()) {
            if (!l.getMetadata().getName().startsWith(prefix)) {
                continue;
            }
            if (!expired(l, Duration.ZERO)) {
                live.add(l.getSpec().getHolderIdentity());
            } else if (expired(l, FORGET_MEMBER)) {
                forget(l);
            }
        }
        if (!live.contains(identity)) {
            live.add(identity);
        }
        live.sort(null);
        return live;
    }

    private void renewMember(Lease member) {
        ZonedDateTime now = now();
        if (member == null) {
            client.leases().inNamespace(namespace).resource(new LeaseBuilder().withNewMetadata().withName(memberLeaseName())
                    .endMetadata().withNewSpec().withHolderIdentity(identity).withAcquireTime(now).withRenewTime(now)
                    .withLeaseDurationSeconds((int) leaseDuration.toSeconds()).endSpec().build()).create();
        } else {
            member.getSpec().setRenewTime(now);
            client.leases().inNamespace(namespace).resource(member).update();
        }
    }

    /** Renews a shard Lease this replica holds; drops the shard when renewals have failed for the renew deadline. */
    private void renew(int shard, Lease lease) {
        boolean mine = lease != null && identity.equals(lease.getSpec().getHolderIdentity());
        if (mine) {
            long sent = System.nanoTime();
            lease.getSpec().setRenewTime(now());
            if (write(lease)) {
                lastRenewed.put(shard, now());
                admitUntil.put(shard, sent + renewDeadline.toNanos());
                if (shards.held().contains(shard)) {
                    shards.held(shard, sent + renewDeadline.toNanos());
                }
                return;
            }
        }
        if (!mine || lastRenewed.get(shard).plus(renewDeadline).isBefore(now())) {
            lose(shard, mine ? "not renewed within " + renewDeadline.toSeconds() + " s" : "held by another replica");
        }
    }

    /**
     * Hands the highest shard held over: no more reconciles are admitted into it, and its Lease is given up once
     * none is in flight (this round or a later one; the Lease is renewed meanwhile).
     */
    private void handOver(Map<String, Lease> leases) {
        int shard = lastRenewed.keySet().stream().mapToInt(Integer::intValue).max().orElseThrow();
        shards.release(shard);
        if (!shards.idle(shard)) {
            LOG.info("{} hands shard {} over: waiting for its reconciles in flight", identity, shard);
            return;
        }
        lastRenewed.remove(shard);
        admitUntil.remove(shard);
        Lease lease = leases.get(shardLeaseName(shard));
        if (lease != null && identity.equals(lease.getSpec().getHolderIdentity())) {
            giveUp(lease);
        }
        LOG.info("{} handed shard {} over (more replicas: its share is smaller)", identity, shard);
    }

    private void take(int shard, Lease lease) {
        long sent = System.nanoTime();
        ZonedDateTime now = now();
        boolean done;
        if (lease == null) {
            done = create(new LeaseBuilder().withNewMetadata().withName(shardLeaseName(shard)).endMetadata().withNewSpec()
                    .withHolderIdentity(identity).withAcquireTime(now).withRenewTime(now)
                    .withLeaseDurationSeconds((int) leaseDuration.toSeconds()).withLeaseTransitions(0).endSpec().build());
        } else {
            lease.getSpec().setHolderIdentity(identity);
            lease.getSpec().setAcquireTime(now);
            lease.getSpec().setRenewTime(now);
            lease.getSpec().setLeaseDurationSeconds((int) leaseDuration.toSeconds());
            lease.getSpec().setLeaseTransitions(lease.getSpec().getLeaseTransitions() == null ? 1
                    : lease.getSpec().getLeaseTransitions() + 1);
            done = write(lease);
        }
        if (done) {
            lastRenewed.put(shard, now);
            admitUntil.put(shard, sent + renewDeadline.toNanos());
            LOG.info("{} took shard {} of {} (Lease {})", identity, shard, shards.count(), shardLeaseName(shard));
            shards.held(shard, sent + renewDeadline.toNanos());
        }
    }

    private boolean free(Lease lease) {
        return lease == null || lease.getSpec().getHolderIdentity() == null || lease.getSpec().getHolderIdentity().isEmpty()
                || expired(lease, Duration.ZERO);
    }

    private boolean expired(Lease lease, Duration beyond) {
        ZonedDateTime renewed = lease.getSpec().getRenewTime();
        Integer seconds = lease.getSpec().getLeaseDurationSeconds();
        return renewed == null || seconds == null || renewed.plusSeconds(seconds).plus(beyond).isBefore(now());
    }

    private void lose(int shard, String why) {
        LOG.warn("{} lost shard {} ({})", identity, shard, why);
        shards.release(shard);
        lastRenewed.remove(shard);
        admitUntil.remove(shard);
    }

    /** The API server cannot be reached: shards not renewed within the renew deadline are dropped all the same. */
    private void dropExpired() {
        for (int shard : List.copyOf(lastRenewed.keySet())) {
            if (lastRenewed.get(shard).plus(renewDeadline).isBefore(now())) {
                lose(shard, "the API server did not answer within " + renewDeadline.toSeconds() + " s");
            }
        }
    }

    private void giveUp(Lease lease) {
        lease.getSpec().setHolderIdentity(null);
        lease.getSpec().setLeaseDurationSeconds(1);
        write(lease);
    }

    private void forget(Lease member) {
        try {
            client.leases().inNamespace(namespace).resource(member).lockResourceVersion().delete();
        } catch (KubernetesClientException e) {
            // another replica forgot it first
        }
    }

    /** An update guarded by the Lease's resourceVersion; false when another replica wrote it first. */
    private boolean write(Lease lease) {
        try {
            client.leases().inNamespace(namespace).resource(lease).update();
            return true;
        } catch (KubernetesClientException e) {
            if (e.getCode() == 409 || e.getCode() == 404) {
                return false;
            }
            throw e;
        }
    }

    private boolean create(Lease lease) {
        try {
            client.leases().inNamespace(namespace).resource(lease).create();
            return true;
        } catch (KubernetesClientException e) {
            if (e.getCode() == 409) {
                return false;
            }
            throw e;
        }
    }

    private String memberLeaseName() {
        return name + "-member-" + identity.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9.-]", "-");
    }

    private ZonedDateTime now() {
        return ZonedDateTime.now(clock);
    }

    /** Stops the rounds, gives up every shard held (reconciling has stopped before) and the member Lease. */
    @Override
    public void close() {
        thread.shutdownNow();
        try {
            thread.awaitTermination(renewDeadline.toMillis(), TimeUnit.MILLISECONDS);
            for (int shard : lastRenewed.keySet()) {
                shards.release(shard);
                Lease lease = client.leases().inNamespace(namespace).withName(shardLeaseName(shard)).get();
                if (lease != null && identity.equals(lease.getSpec().getHolderIdentity())) {
                    giveUp(lease);
                }
            }
            client.leases().inNamespace(namespace).withName(memberLeaseName()).delete();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (KubernetesClientException e) {
            LOG.warn("could not give the shard Leases up: {}", e.getMessage());
        } finally {
            client.close();
        }
    }
}
