package dev.aso.controller.reconcile;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aso.api.meta.OperatorAnnotations;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A restart is not a wave: the first time this process sees a resource whose status is current (Ready for its
 * generation, no operation in flight), it does not check it against Azure at once but when its sync period comes due,
 * at a point of the period fixed by its uid, so N such resources cost N reads spread over one period instead of N
 * reads at start-up. A resource that is not current (new, changed, failing, mid-operation) is reconciled at once.
 */
final class FirstChecks {

    private final SyncPeriods periods;
    private final Set<String> seen = ConcurrentHashMap.newKeySet();

    FirstChecks(SyncPeriods periods) {
        this.periods = periods;
    }

    /** When this is the process's first look at a current resource: look again at its point of its period instead. */
    Optional<Outcome> deferred(JsonNode obj) {
        String uid = obj.path("metadata").path("uid").asText("");
        if (uid.isEmpty() || !seen.add(uid) || !current(obj)) {
            return Optional.empty();
        }
        return Optional.of(Outcome.after(periods.of(obj).map(p -> pointOf(uid, p)).orElse(null)));
    }

    /** The resource is gone: forget it. */
    void forget(JsonNode obj) {
        seen.remove(obj.path("metadata").path("uid").asText(""));
    }

    static boolean current(JsonNode obj) {
        return Objects.readyAtGeneration(obj) && !obj.path("metadata").has("deletionTimestamp")
                && !obj.path("metadata").path("annotations").has(OperatorAnnotations.POLLER_RESUME_TOKEN);
    }

    /** A point in [0, period) fixed by the uid. */
    static Duration pointOf(String uid, Duration period) {
        long h = uid.hashCode() * 0x9E3779B97F4A7C15L;
        double fraction = (h >>> 11) / (double) (1L << 53);
        return Duration.ofMillis((long) (period.toMillis() * fraction));
    }
}
