package dev.aso.controller;

import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The reconcile threads (MAX_CONCURRENT_RECONCILES) of every JOSDK operator the manager runs: kinds started later
 * ({@link DormantKinds}) run in an operator of their own, and all of them share this one pool, so the bound holds
 * for the whole process. Each operator gets a {@link #view()} whose shutdown does nothing (JOSDK shuts its executor
 * down when it stops): the pool itself ends with {@link #close}.
 */
final class ReconcileThreads {

    private final ExecutorService pool;

    ReconcileThreads(int threads) {
        AtomicInteger n = new AtomicInteger();
        ThreadFactory factory = r -> {
            Thread t = new Thread(r, "aso-reconcile-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        this.pool = Executors.newFixedThreadPool(threads, factory);
    }

    /** What one operator is given: the shared pool, which that operator's stop leaves running. */
    ExecutorService view() {
        return new AbstractExecutorService() {
            @Override
            public void execute(Runnable command) {
                pool.execute(command);
            }

            @Override
            public void shutdown() {
                // the pool is the manager's: it ends with ReconcileThreads.close
            }

            @Override
            public List<Runnable> shutdownNow() {
                return List.of();
            }

            @Override
            public boolean isShutdown() {
                return pool.isShutdown();
            }

            @Override
            public boolean isTerminated() {
                return pool.isTerminated();
            }

            @Override
            public boolean awaitTermination(long timeout, TimeUnit unit) {
                return true; // nothing of this view's own to wait for
            }
        };
    }

    /** Interrupts the reconciles under way, as JOSDK's stop does with its default termination timeout (none). */
    void close() {
        pool.shutdownNow();
    }
}
