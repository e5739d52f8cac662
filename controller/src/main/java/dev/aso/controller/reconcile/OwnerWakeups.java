package dev.aso.controller.reconcile;

import io.javaoperatorsdk.operator.processing.event.ResourceID;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Wakes the children waiting for an owner when it becomes Ready, instead of leaving them to their fallback poll. A
 * child records itself before it reads its owner ({@link #waitFor}), and the owner's successful reconcile wakes every
 * child recorded for it ({@link #ready}), each through the event source of its kind's controller; so no wake-up is
 * lost between the child's read and the owner's Ready. In memory only: after a restart every child reconciles anyway.
 */
public final class OwnerWakeups {

    private record OwnerKey(String groupKind, String namespace, String name) { }

    private record Waiter(String groupKind, ResourceID id) { }

    private final Map<OwnerKey, Set<Waiter>> waiting = new ConcurrentHashMap<>();
    private final Map<String, Consumer<ResourceID>> triggers = new ConcurrentHashMap<>();

    /** How the controller of {@code groupKind} is asked to reconcile one of its objects. */
    public void register(String groupKind, Consumer<ResourceID> trigger) {
        triggers.put(groupKind, trigger);
    }

    void waitFor(String ownerGroupKind, String namespace, String ownerName, String childGroupKind, String childName) {
        waiting.computeIfAbsent(new OwnerKey(ownerGroupKind, namespace, ownerName), k -> ConcurrentHashMap.newKeySet())
                .add(new Waiter(childGroupKind, new ResourceID(childName, namespace)));
    }

    void stopWaiting(String ownerGroupKind, String namespace, String ownerName, String childGroupKind, String childName) {
        waiting.computeIfPresent(new OwnerKey(ownerGroupKind, namespace, ownerName), (k, set) -> {
            set.remove(new Waiter(childGroupKind, new ResourceID(childName, namespace)));
            return set.isEmpty() ? null : set;
        });
    }

    /** The owner is Ready: reconcile every child waiting for it now. */
    void ready(String ownerGroupKind, String namespace, String ownerName) {
        Set<Waiter> woken = waiting.remove(new OwnerKey(ownerGroupKind, namespace, ownerName));
        if (woken != null) {
            for (Waiter w : woken) {
                Consumer<ResourceID> trigger = triggers.get(w.groupKind());
                if (trigger != null) {
                    trigger.accept(w.id());
                }
            }
        }
    }

    /** How many children wait, for tests and metrics. */
    public int waitingCount() {
        return waiting.values().stream().mapToInt(Set::size).sum();
    }
}
