package dev.aso.controller;

import dev.aso.controller.reconcile.KindBinding;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.api.model.ListOptions;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Kinds with no object on the cluster get no informer and no JOSDK controller until their first object appears: at
 * start each kind is asked for at most one object (a few kinds at a time), and an empty one is only watched, from
 * that list's resourceVersion, so that nothing created since is missed. Its first event, or a watch that fails for
 * good (a resourceVersion too old, a permission missing), wakes the kind, which is then started as the others were.
 * With every CRD installed and resources of a few kinds, a restart lists and caches those few kinds instead of 291
 * (every informer costs a list, a cache, a JOSDK controller and its timer thread, resources or not).
 */
final class DormantKinds implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DormantKinds.class);
    private static final int PROBES_AT_ONCE = 8;

    /** What the probe found: the kinds to start now, and the empty ones with the resourceVersion to watch from. */
    record Census(List<KindBinding> withObjects, List<Empty> empty) { }

    record Empty(KindBinding kind, String resourceVersion) { }

    private final KubernetesClient kube;
    private final Map<String, Watch> watches = new HashMap<>();
    private boolean closed;

    DormantKinds(KubernetesClient kube) {
        this.kube = kube;
    }

    /** Asks every kind for one object; a kind whose answer is an error is counted as having objects (started now). */
    Census probe(Collection<KindBinding> kinds) {
        ExecutorService probes = Executors.newFixedThreadPool(PROBES_AT_ONCE, r -> {
            Thread t = new Thread(r, "aso-kind-probe");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Empty>> answers = new ArrayList<>();
            for (KindBinding kind : kinds) {
                answers.add(probes.submit(() -> emptyOrNull(kind)));
            }
            List<KindBinding> withObjects = new ArrayList<>();
            List<Empty> empty = new ArrayList<>();
            int i = 0;
            for (KindBinding kind : kinds) {
                Empty answer = answers.get(i++).get();
                if (answer == null) {
                    withObjects.add(kind);
                } else {
                    empty.add(answer);
                }
            }
            return new Census(withObjects, empty);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while finding which kinds have objects", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("finding which kinds have objects failed: " + e.getCause(), e.getCause());
        } finally {
            probes.shutdownNow();
        }
    }

    private Empty emptyOrNull(KindBinding kind) {
        try {
            ListOptions one = new ListOptionsBuilder().withLimit(1L).build();
            KubernetesResourceList<?> list = kube.resources(kind.hubClass()).inAnyNamespace().list(one);
            String version = list.getMetadata() == null ? null : list.getMetadata().getResourceVersion();
            return list.getItems().isEmpty() && version != null && !version.isEmpty() ? new Empty(kind, version) : null;
        } catch (RuntimeException e) { // an API error, or an answer that cannot be read: start the kind rather than risk it
            LOG.warn("cannot tell whether {} has objects ({}); starting its informer now", kind.name(), e.getMessage());
            return null;
        }
    }

    /**
     * Watches each empty kind; {@code wake} is called once for a kind at its first event, or when its watch fails
     * for good (the informer started then lists and watches on its own, with retries).
     */
    synchronized void watch(List<Empty> empty, Consumer<KindBinding> wake) {
        for (Empty e : empty) {
            if (closed) {
                return;
            }
            watches.put(e.kind().name(), watch(e, wake));
        }
    }

    private <R extends HasMetadata> Watch watch(Empty empty, Consumer<KindBinding> wake) {
        AtomicBoolean woken = new AtomicBoolean();
        Runnable once = () -> {
            if (woken.compareAndSet(false, true)) {
                endWatch(empty.kind());
                wake.accept(empty.kind());
            }
        };
        ListOptions from = new ListOptionsBuilder().withResourceVersion(empty.resourceVersion()).build();
        @SuppressWarnings("unchecked")
        Class<R> type = (Class<R>) empty.kind().hubClass();
        return kube.resources(type).inAnyNamespace().watch(from, new Watcher<R>() {
            @Override
            public void eventReceived(Action action, R resource) {
                once.run();
            }

            @Override
            public void onClose(WatcherException cause) {
                LOG.info("the watch for the first object of {} ended ({}); starting its informer", empty.kind().name(),
                        cause.getMessage());
                once.run();
            }
        });
    }

    private synchronized void endWatch(KindBinding kind) {
        Watch watch = watches.remove(kind.name());
        if (watch != null) {
            watch.close();
        }
    }

    /** Ends the watches of the kinds still empty. */
    @Override
    public synchronized void close() {
        closed = true;
        watches.values().forEach(Watch::close);
        watches.clear();
    }
}
