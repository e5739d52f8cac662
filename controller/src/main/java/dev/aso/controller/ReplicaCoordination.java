package dev.aso.controller;

/**
 * How a replica shares the work with the others, through Kubernetes Leases: {@link LeaderLease} (one leader
 * reconciles everything, the default) or {@link ShardLeases} (SHARD_COUNT &gt; 1: every replica reconciles the
 * namespaces of the shards it holds).
 */
public interface ReplicaCoordination extends AutoCloseable {

    /** Begins contending; {@code startInformers} runs on a thread of its own once this replica may reconcile. */
    void start(Runnable startInformers);

    /** The shards this replica acts for (with a leader Lease, the one shard, held). */
    Shards shards();

    /** Stops contending and gives up what this replica holds (reconciling has stopped before). */
    @Override
    void close();
}
