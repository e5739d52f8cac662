package dev.aso.controller.reconcile;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.inbound.SimpleInboundEventSource;
import org.slf4j.MDC;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The Java Operator SDK adapter of a {@link KindReconciler} ({@link ResourceReconciler}, or {@link NonArmReconciler}
 * for the kinds that are not ARM resources) for one kind: one instance per hub class (JOSDK cannot
 * reconcile generic resources). The typed object is read as JSON and handed to the generic path; all writes happen
 * there, so JOSDK only schedules (and holds the rate limit and the finalizer). A resource is first claimed for this
 * operator ({@link OperatorNamespaceClaim}); one another operator claimed is left alone.
 */
public final class ArmReconciler<R extends CustomResource<?, ?>> implements Reconciler<R>, Cleaner<R> {

    private final KindBinding kind;
    private final KindReconciler reconciler;
    private final KubernetesSerialization serialization;
    private final RateLimit rateLimit;
    private final OperatorNamespaceClaim claim;

    public ArmReconciler(KindBinding kind, KindReconciler reconciler, KubernetesSerialization serialization,
                         RateLimit rateLimit, OperatorNamespaceClaim claim) {
        this.kind = kind;
        this.reconciler = reconciler;
        this.serialization = serialization;
        this.rateLimit = rateLimit;
        this.claim = claim;
    }

    public KindBinding kind() {
        return kind;
    }

    /** An event source through which {@link OwnerWakeups} reconciles objects of this kind whose owner became Ready. */
    @Override
    public List<EventSource<?, R>> prepareEventSources(EventSourceContext<R> context) {
        SimpleInboundEventSource<R> ownerReady = new SimpleInboundEventSource<>("owner-ready");
        reconciler.ownerWakeups().register(kind.meta().groupKind(), ownerReady::propagateEvent);
        return List.of(ownerReady);
    }

    @Override
    public UpdateControl<R> reconcile(R resource, Context<R> context) {
        Optional<Duration> wait = rateLimit.tryAcquire();
        if (wait.isPresent()) {
            return UpdateControl.<R>noUpdate().rescheduleAfter(wait.get().toMillis());
        }
        try (MDC.MDCCloseable ignored = MDC.putCloseable("resource", describe(resource))) {
            ObjectNode obj = serialization.convertValue(resource, ObjectNode.class);
            if (!claim.claim(kind, obj)) {
                return UpdateControl.noUpdate();
            }
            Outcome o = reconciler.reconcile(kind, obj);
            UpdateControl<R> control = UpdateControl.noUpdate();
            return o.requeueAfter() == null ? control : control.rescheduleAfter(o.requeueAfter().toMillis());
        }
    }

    /**
     * A reconcile ended in an exception (the API server refused a write, say): JOSDK retries it with
     * {@link RetryForever}; the failure is shown on the resource meanwhile.
     */
    @Override
    public ErrorStatusUpdateControl<R> updateErrorStatus(R resource, Context<R> context, Exception e) {
        reconciler.reportFailure(kind, serialization.convertValue(resource, ObjectNode.class), e);
        return ErrorStatusUpdateControl.noStatusUpdate();
    }

    @Override
    public DeleteControl cleanup(R resource, Context<R> context) {
        Optional<Duration> wait = rateLimit.tryAcquire();
        if (wait.isPresent()) {
            return DeleteControl.noFinalizerRemoval().rescheduleAfter(wait.get().toMillis());
        }
        try (MDC.MDCCloseable ignored = MDC.putCloseable("resource", describe(resource))) {
            ObjectNode obj = serialization.convertValue(resource, ObjectNode.class);
            if (claim.claimedByAnother(obj)) {
                return DeleteControl.noFinalizerRemoval();
            }
            Outcome o = reconciler.cleanup(kind, obj);
            if (o.finished()) {
                return DeleteControl.defaultDelete();
            }
            DeleteControl control = DeleteControl.noFinalizerRemoval();
            return o.requeueAfter() == null ? control : control.rescheduleAfter(o.requeueAfter().toMillis());
        }
    }

    private String describe(R resource) {
        return kind.meta().kind() + " " + resource.getMetadata().getNamespace() + "/" + resource.getMetadata().getName();
    }
}
