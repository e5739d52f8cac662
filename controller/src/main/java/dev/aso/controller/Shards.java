package dev.aso.controller;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.IntConsumer;
import java.util.zip.CRC32;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which shards this replica acts for, when resources are sharded across replicas (SHARD_COUNT &gt; 1). A namespace's
 * shard is the CRC-32 of its name modulo the shard count, the same in every replica and every release. A reconcile
 * {@link #enter enters} its namespace's shard and {@link Entry#close leaves} it. Two replicas never act on one
 * resource at once:
 * <ul>
 *   <li>a shard is entered only until its renew deadline, counted from the start of its last successful renewal
 *   ({@link #held(int, long)}), whatever the renewal thread is doing: a replica whose API calls stall stops acting
 *   before its Lease can expire and be taken;</li>
 *   <li>a shard being handed over stops admitting reconciles and is given up only when none is in flight
 *   ({@link #idle}).</li>
 * </ul>
 * {@link ShardLeases} decides what is held; the reconcilers {@link #onGained listen} for shards gained (on a thread of
 * their own, never the renewals'), to reconcile the objects of the shard they had filtered out.
 */
public final class Shards {

    /** A reconcile admitted into a shard; closing it ends it. */
    public interface Entry extends AutoCloseable {
        @Override
        void close();
    }

    private final int count;
    private static final Logger LOG = LoggerFactory.getLogger(Shards.class);

    private final Set<Integer> held = ConcurrentHashMap.newKeySet();
    private final AtomicLongArray until; // System.nanoTime() after which a held shard is no longer entered
    private final AtomicInteger[] inFlight;
    private final List<IntConsumer> gained = new CopyOnWriteArrayList<>();
    private final ExecutorService notifier = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "aso-shard-gained");
        t.setDaemon(true);
        return t;
    });

    public Shards(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("shard count must be at least 1, got " + count);
        }
        this.count = count;
        this.until = new AtomicLongArray(count);
        this.inFlight = new AtomicInteger[count];
        for (int i = 0; i < count; i++) {
            inFlight[i] = new AtomicInteger();
        }
    }

    /** One shard, held: no sharding (a single replica, or a leader that reconciles everything). */
    public static Shards unsharded() {
        Shards all = new Shards(1);
        all.held(0, Long.MAX_VALUE / 2);
        return all;
    }

    public int count() {
        return count;
    }

    /** The shard of a namespace: CRC-32 of its UTF-8 name, modulo the shard count. */
    public int of(String namespace) {
        CRC32 crc = new CRC32();
        crc.update(namespace.getBytes(StandardCharsets.UTF_8));
        return (int) (crc.getValue() % count);
    }

    /**
     * Whether the namespace's shard is this replica's, its renew deadline aside: events of such namespaces are queued,
     * and a reconcile that finds the renewal late looks again shortly rather than waiting for the shard to be gained.
     */
    public boolean assigned(String namespace) {
        return held.contains(of(namespace));
    }

    private boolean holds(int shard) {
        return held.contains(shard) && until.get(shard) - System.nanoTime() > 0;
    }

    /** Admits a reconcile of a resource in {@code namespace} if this replica holds its shard; empty otherwise. */
    public Optional<Entry> enter(String namespace) {
        int shard = of(namespace);
        inFlight[shard].incrementAndGet();
        if (!holds(shard)) { // checked after counting, so release() sees every admitted reconcile
            inFlight[shard].decrementAndGet();
            return Optional.empty();
        }
        return Optional.of(() -> inFlight[shard].decrementAndGet());
    }

    /** Runs {@code listener} with each shard this replica gains. */
    public void onGained(IntConsumer listener) {
        gained.add(listener);
    }

    /**
     * This replica's fraction of a budget the replicas split (ARM's, per subscription): its shards over all of them,
     * and one shard's worth while it holds none (it then reconciles nothing new; reconciles in flight at a handover
     * still finish), so the replicas together stay within the whole.
     */
    public double budgetShare() {
        return Math.max(1, held.size()) / (double) count;
    }

    /** The shards this replica holds (their renew deadline aside). */
    public Set<Integer> held() {
        return Set.copyOf(held);
    }

    /**
     * The shard's Lease is this replica's until {@code deadlineNanos} ({@link System#nanoTime()}): reconciles are
     * admitted until then. A shard newly held is announced to the {@link #onGained} listeners.
     */
    void held(int shard, long deadlineNanos) {
        until.set(shard, deadlineNanos);
        if (held.add(shard)) {
            notifier.execute(() -> gained.forEach(l -> {
                try {
                    l.accept(shard);
                } catch (RuntimeException e) { // an informer not started yet: its first events pass its filter
                    LOG.debug("shard {} gained before a cache was ready: {}", shard, e.toString());
                }
            }));
        }
    }

    /** Stops admitting reconciles into {@code shard}; see {@link #idle} before giving its Lease up. */
    void release(int shard) {
        held.remove(shard);
    }

    /** Whether no reconcile admitted into {@code shard} is still running. */
    boolean idle(int shard) {
        return inFlight[shard].get() == 0;
    }
}
