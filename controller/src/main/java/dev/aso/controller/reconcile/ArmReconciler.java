package dev.aso.controller.reconcile;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aso.api.meta.OperatorAnnotations;
import dev.aso.controller.Shards;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.controller.ControllerEventSource;
import io.javaoperatorsdk.operator.processing.event.source.controller.ResourceAction;
import io.javaoperatorsdk.operator.processing.event.source.inbound.SimpleInboundEventSource;
import org.slf4j.MDC;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The Java Operator SDK adapter of a {@link KindReconciler} ({@link ResourceReconciler}, or {@link NonArmReconciler}
 * for the kinds that are not ARM resources) for one kind: one instance per hub class (JOSDK cannot
 * reconcile generic resources). The typed object is read as JSON and handed to the generic path; all writes happen
 * there, so JOSDK only schedules and holds the rate limit. JOSDK calls {@link #reconcile} on every event
 * (triggerReconcilerOnAllEvents), deletions included, and leaves the finalizer to this operator: it is added with the
 * reconcile's first marks ({@link MetadataWriter#ensure}, one write where JOSDK's own handling of it made another
 * write and another reconcile) and removed here once the delete is done. A resource is first claimed for this
 * operator ({@link OperatorNamespaceClaim}); one another operator claimed is left alone.
 */
public final class ArmReconciler<R extends CustomResource<?, ?>> implements Reconciler<R> {

    private final KindBinding kind;
    private final KindReconciler reconciler;
    private final KubernetesSerialization serialization;
    private final MetadataWriter metadata;
    private final RateLimit rateLimit;
    private final OperatorNamespaceClaim claim;
    /** How soon an object is looked at again when its shard is this replica's but the Lease's renewal is late. */
    private static final Duration RENEWAL_LATE = Duration.ofSeconds(1);

    private final Shards shards;

    /** @param shards the namespaces this replica reconciles ({@link Shards#unsharded()}: all) */
    public ArmReconciler(KindBinding kind, KindReconciler reconciler, KubernetesClient kube, RateLimit rateLimit,
                         OperatorNamespaceClaim claim, Shards shards) {
        this.kind = kind;
        this.reconciler = reconciler;
        this.serialization = kube.getKubernetesSerialization();
        this.metadata = new MetadataWriter(kube);
        this.rateLimit = rateLimit;
        this.claim = claim;
        this.shards = shards;
    }

    public KindBinding kind() {
        return kind;
    }

    /**
     * The event source through which {@link OwnerWakeups} reconciles objects of this kind whose owner became Ready.
     * When sharded, a shard this replica gains has its objects in the cache replayed as additions: their earlier
     * events were filtered out ({@link #admits}) before JOSDK kept any state for them, so an event of another source
     * would be dropped. Before the informer has started the listing is empty and its first events pass the filter.
     */
    @Override
    public List<EventSource<?, R>> prepareEventSources(EventSourceContext<R> context) {
        SimpleInboundEventSource<R> ownerReady = new SimpleInboundEventSource<>("owner-ready");
        reconciler.ownerWakeups().register(kind.meta().groupKind(), ownerReady::propagateEvent);
        if (shards.count() > 1 && context.getPrimaryCache() instanceof ControllerEventSource<R> primary) {
            shards.onGained(shard -> primary.list(r -> shards.of(r.getMetadata().getNamespace()) == shard)
                    .forEach(r -> primary.eventReceived(ResourceAction.ADDED, r, null, null)));
        }
        return List.of(ownerReady);
    }

    /** The informer's filter: events of namespaces whose shard another replica holds are not queued. */
    public boolean admits(R resource) {
        return shards.assigned(resource.getMetadata().getNamespace());
    }

    /**
     * Reconciles (or, once it is marked for deletion, deletes) the object if this replica holds its namespace's
     * shard; otherwise leaves it to the replica that does (or to this one once it gains the shard), or looks again
     * shortly when the shard's renewal is late. Nothing is left to do for an object gone from the cluster, or one
     * being deleted that does not hold this operator's finalizer (never reconciled, so nothing was made in Azure).
     */
    @Override
    public UpdateControl<R> reconcile(R resource, Context<R> context) {
        if (context.isPrimaryResourceDeleted()
                || resource.isMarkedForDeletion() && !resource.hasFinalizer(OperatorAnnotations.FINALIZER)) {
            return UpdateControl.noUpdate();
        }
        Optional<Shards.Entry> shard = shards.enter(resource.getMetadata().getNamespace());
        if (shard.isEmpty()) {
            return shards.assigned(resource.getMetadata().getNamespace())
                    ? UpdateControl.<R>noUpdate().rescheduleAfter(RENEWAL_LATE.toMillis()) : UpdateControl.noUpdate();
        }
        try (Shards.Entry ignored = shard.get()) {
            return resource.isMarkedForDeletion() ? cleanupHeld(resource) : reconcileHeld(resource);
        }
    }

    private UpdateControl<R> reconcileHeld(R resource) {
        Optional<Duration> wait = rateLimit.tryAcquire();
        if (wait.isPresent()) {
            return UpdateControl.<R>noUpdate().rescheduleAfter(wait.get().toMillis());
        }
        try (MDC.MDCCloseable ignored = MDC.putCloseable("resource", describe(resource))) {
            ObjectNode obj = serialization.convertValue(resource, ObjectNode.class);
            if (claim.claimedByAnother(obj)) {
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

    private UpdateControl<R> cleanupHeld(R resource) {
        Optional<Duration> wait = rateLimit.tryAcquire();
        if (wait.isPresent()) {
            return UpdateControl.<R>noUpdate().rescheduleAfter(wait.get().toMillis());
        }
        try (MDC.MDCCloseable ignored = MDC.putCloseable("resource", describe(resource))) {
            ObjectNode obj = serialization.convertValue(resource, ObjectNode.class);
            if (claim.claimedByAnother(obj)) {
                return UpdateControl.noUpdate();
            }
            Outcome o = reconciler.cleanup(kind, obj);
            if (o.finished()) {
                metadata.removeFinalizer(kind, obj);
                return UpdateControl.noUpdate();
            }
            UpdateControl<R> control = UpdateControl.noUpdate();
            return o.requeueAfter() == null ? control : control.rescheduleAfter(o.requeueAfter().toMillis());
        }
    }

    private String describe(R resource) {
        return kind.meta().kind() + " " + resource.getMetadata().getNamespace() + "/" + resource.getMetadata().getName();
    }
}
