package dev.aso.controller.reconcile;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aso.api.meta.KindCatalog;
import dev.aso.api.meta.OperatorAnnotations;
import dev.aso.api.meta.ReconcilePolicy;
import dev.aso.controller.credentials.CredentialResolver;
import dev.aso.controller.observability.ControllerMetrics;
import dev.aso.controller.observability.EventRecorder;
import dev.aso.controller.expressions.ExpressionEngine;
import dev.aso.controller.settings.Settings;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The generic reconcile of the kinds that are not ARM resources (database users, Entra groups), with the same
 * machinery as {@link ResourceReconciler}: the reconcile policy ({@link PolicyResolver}), the owner, which must be
 * Ready ({@code WaitingForOwner} otherwise, woken through the shared {@link OwnerWakeups}) and becomes the Kubernetes
 * owner, the Ready condition ({@link StatusWriter}), stops with events and per-object backoff ({@link StopReporter}),
 * the resync period (the sync-period annotation or AZURE_SYNC_PERIOD). What the kind does in its own system is its {@link NonArmResource}: {@code apply}, or
 * {@code observe} under reconcile-policy skip; on delete, {@code delete} under manage only, and nothing when the owner
 * object is gone or being deleted (the server goes with it, and could not be reached to drop anything).
 */
public final class NonArmReconciler implements KindReconciler {

    private static final Logger LOG = LoggerFactory.getLogger(NonArmReconciler.class);

    private final Map<String, NonArmResource> resources;
    private final ControllerMetrics metrics;
    private final OwnerWakeups wakeups;
    private final PolicyResolver policies;
    private final OwnerResolver owners;
    private final MetadataWriter metadata;
    private final StatusWriter status;
    private final StopReporter stops;
    private final NonArmTarget.NonArmInputs inputs;
    private final SyncPeriods syncPeriods;
    private final String operatorNamespace;

    /**
     * @param resources the kinds' own behaviour by {@code group/Kind}
     * @param wakeups   the ARM reconciler's, so that an owner becoming Ready wakes these kinds' objects too
     */
    public NonArmReconciler(KubernetesClient kube, KindCatalog catalog, Map<String, NonArmResource> resources,
                            CredentialResolver credentials, Settings settings, EventRecorder events,
                            ControllerMetrics metrics, OwnerWakeups wakeups, Clock clock) {
        this.resources = Map.copyOf(resources);
        this.metrics = metrics;
        this.wakeups = wakeups;
        this.policies = new PolicyResolver(kube, settings.defaultReconcilePolicy(), clock);
        this.owners = new OwnerResolver(kube, catalog, wakeups);
        this.metadata = new MetadataWriter(kube);
        this.status = new StatusWriter(kube, clock);
        this.stops = new StopReporter(status, events);
        this.operatorNamespace = settings.podNamespace();
        TargetResolver targets = new TargetResolver(credentials, null, owners, metadata, new AzureNameFromConfig(kube, metadata),
                operatorNamespace);
        this.inputs = new NonArmTarget.NonArmInputs(kube, catalog, owners, metadata,
                new Exporter(kube, new ExpressionExports(new ExpressionEngine())), events, targets::credential);
        this.syncPeriods = new SyncPeriods(settings.syncPeriod());
    }

    /** Whether this reconciler knows the kind. */
    public boolean handles(KindBinding kind) {
        return resources.containsKey(kind.meta().groupKind());
    }

    @Override
    public OwnerWakeups ownerWakeups() {
        return wakeups;
    }

    @Override
    public Outcome reconcile(KindBinding kind, ObjectNode obj) {
        long start = System.nanoTime();
        String result = "success";
        try {
            Outcome o = apply(kind, obj);
            stops.succeeded(obj);
            return o;
        } catch (ReconcileStop stop) {
            result = stop.severity().text().toLowerCase(Locale.ROOT);
            return stops.stopped(kind, obj, stop);
        } finally {
            metrics.reconcile(kind.meta().kind(), result, Duration.ofNanos(System.nanoTime() - start));
        }
    }

    @Override
    public Outcome cleanup(KindBinding kind, ObjectNode obj) {
        try {
            Outcome o = delete(kind, obj);
            stops.succeeded(obj);
            return o;
        } catch (ReconcileStop stop) {
            return stops.stopped(kind, obj, stop);
        }
    }

    @Override
    public void reportFailure(KindBinding kind, ObjectNode obj, Exception e) {
        stops.failed(kind, obj, e);
    }

    private Outcome apply(KindBinding kind, ObjectNode obj) throws ReconcileStop {
        ReconcilePolicy policy = policies.of(obj);
        OwnerResolver.Owner resolved = kind.meta().ownerKind() == null ? null : owners.resolve(obj, kind.meta(), "");
        metadata.ensure(kind, obj, OperatorNamespaceClaim.annotation(operatorNamespace),
                resolved == null ? null : resolved.ownerReference());
        ObjectNode owner = resolved == null ? null : resolved.object();
        NonArmTarget target = new NonArmTarget(kind, obj, owner, inputs);
        NonArmResource resource = resource(kind);
        ObjectNode values = policy == ReconcilePolicy.SKIP ? resource.observe(target) : resource.apply(target);
        status.write(kind, obj, values, StatusWriter.Ready.succeeded());
        wakeups.ready(kind.meta().groupKind(), target.namespace(), obj.path("metadata").path("name").asText());
        return Outcome.after(syncPeriods.of(obj).map(Backoff::jitter).orElse(null));
    }

    private Outcome delete(KindBinding kind, ObjectNode obj) throws ReconcileStop {
        ReconcilePolicy policy = policies.forDelete(obj);
        if (policy != ReconcilePolicy.MANAGE) {
            LOG.info("{}: removing the finalizer and leaving it in place (reconcile-policy {})", Objects.describe(obj),
                    policy.value());
            return Outcome.deleted();
        }
        ObjectNode owner = null;
        if (kind.meta().ownerKind() != null) {
            Optional<ObjectNode> found = owners.ownerObject(obj, kind.meta());
            if (found.isEmpty() || found.get().path("metadata").hasNonNull("deletionTimestamp")) {
                LOG.info("{}: its owner is {}; nothing to delete", Objects.describe(obj),
                        found.isEmpty() ? "gone" : "being deleted");
                return Outcome.deleted();
            }
            owner = found.get();
        }
        try {
            resource(kind).delete(new NonArmTarget(kind, obj, owner, inputs));
        } catch (ReconcileStop stop) {
            throw new ReconcileStop(stop.severity(), stop.reason(), stop.getMessage() + " (the delete is retried; to"
                    + " remove the resource without this, set the annotation " + OperatorAnnotations.RECONCILE_POLICY
                    + ": detach-on-delete)", stop.retryAfter());
        }
        return Outcome.deleted();
    }

    private NonArmResource resource(KindBinding kind) {
        NonArmResource r = resources.get(kind.meta().groupKind());
        if (r == null) {
            throw new IllegalStateException("no reconciler for " + kind.meta().groupKind());
        }
        return r;
    }
}
