package dev.aso.controller.reconcile;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aso.controller.arm.ArmBudget;
import dev.aso.controller.observability.EventRecorder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.OperatorException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/**
 * Shows on the resource why a reconcile stopped (Ready=False with the severity and reason, a Warning event, a log
 * line) and says when to look again: after the wait the stop asked for, else with per-object backoff.
 */
final class StopReporter {

    private static final Logger LOG = LoggerFactory.getLogger(StopReporter.class);
    private static final Duration INFO_POLL = Duration.ofSeconds(5);
    private static final Duration BUDGET_RETRY = Duration.ofSeconds(1);

    private final StatusWriter status;
    private final EventRecorder events;
    private final Backoff backoff = new Backoff();

    StopReporter(StatusWriter status, EventRecorder events) {
        this.status = status;
        this.events = events;
    }

    Outcome stopped(KindBinding kind, ObjectNode obj, ReconcileStop stop) {
        if (ArmBudget.Exhausted.CODE.equals(stop.reason()) && Objects.readyAtGeneration(obj)) {
            // the controller's own ARM budget deferred a resync: nothing is wrong with the resource, it stays Ready
            return Outcome.after(Backoff.bounded(stop.retryAfter() != null ? stop.retryAfter() : BUDGET_RETRY));
        }
        status.write(kind, obj, null, new StatusWriter.Ready(false, stop.severity().text(), stop.reason(), stop.getMessage()));
        if (stop.severity() != ReconcileStop.Severity.INFO) {
            events.warning(obj, stop.reason(), stop.getMessage());
            LOG.info("{}: {} {}: {}", Objects.describe(obj), stop.severity().text(), stop.reason(), stop.getMessage());
        }
        // every stop is looked at again: an Error that only a spec change fixes is retried with backoff too
        Duration after = stop.retryAfter() != null ? Backoff.bounded(stop.retryAfter())
                : stop.severity() == ReconcileStop.Severity.INFO ? INFO_POLL : backoff.next(uid(obj));
        return Outcome.after(after);
    }

    /** The object reconciled without a stop: its backoff starts again from the shortest wait. */
    void succeeded(ObjectNode obj) {
        backoff.reset(uid(obj));
    }

    /**
     * A reconcile that ended in an exception (JOSDK retries it): Ready=False, Warning, the cause's kind in the reason.
     * Best effort: the API server may be what failed.
     */
    void failed(KindBinding kind, ObjectNode obj, Exception e) {
        Throwable cause = e.getCause() != null && e instanceof OperatorException ? e.getCause() : e;
        String reason;
        String detail;
        if (cause instanceof KubernetesClientException k) {
            reason = "KubernetesApiError";
            detail = "the Kubernetes API answered HTTP " + k.getCode()
                    + (k.getStatus() != null && k.getStatus().getMessage() != null ? ": " + k.getStatus().getMessage() : "");
        } else {
            reason = "ReconcileFailed";
            detail = cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
        }
        String message = "The reconcile failed and will be retried with backoff: " + detail;
        LOG.warn("{}: {}", Objects.describe(obj), message);
        try {
            status.write(kind, obj, null, new StatusWriter.Ready(false, "Warning", reason, message));
            events.warning(obj, reason, message);
        } catch (RuntimeException ignored) {
            LOG.debug("{}: the failure could not be written to the resource either", Objects.describe(obj));
        }
    }

    private static String uid(ObjectNode obj) {
        return obj.path("metadata").path("uid").asText();
    }
}
