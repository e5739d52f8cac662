package dev.aso.controller.reconcile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aso.api.meta.KindCatalog;
import dev.aso.api.meta.ReconcilePolicy;
import dev.aso.controller.arm.ArmException;
import dev.aso.controller.arm.ArmResponse;
import dev.aso.controller.arm.OperationPoller;
import dev.aso.controller.arm.OperationState;
import dev.aso.controller.credentials.ArmClients;
import dev.aso.controller.credentials.CredentialResolver;
import dev.aso.controller.expressions.ExpressionEngine;
import dev.aso.controller.extensions.ArmResourceModifier;
import dev.aso.controller.extensions.ErrorClassifier;
import dev.aso.controller.extensions.KindExtensions;
import dev.aso.controller.extensions.PreReconciliationChecker;
import dev.aso.controller.extensions.WellKnownNameResolver;
import dev.aso.controller.observability.ControllerMetrics;
import dev.aso.controller.observability.EventRecorder;
import dev.aso.controller.settings.Settings;
import dev.aso.conversion.ObjectConverter;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * The generic reconcile of every kind, on the hub object as JSON. A create or update reads, in order: resolve the
 * inputs (reconcile policy, credential, owner and ARM id), then either resume the long-running PUT under way, or, for
 * a resource already Ready at its generation, GET and compare with the body it would send (no write when Azure is in
 * line), or PUT with the api-version of {@code spec.originalVersion}; a PUT that Azure runs as an operation is polled
 * one step per reconcile; the end is the status from a GET, and the exports (a value missing from Azure's answer is
 * read again with GETs, never PUT again). Deletes go to {@link ResourceDeleter};
 * every stop to {@link StopReporter}. A kind's own behaviour comes in only through its {@link KindExtensions}: here a
 * check before anything is sent, a change to the body before the PUT and its classification of ARM's errors; the
 * points after success are called by {@link SuccessRecorder}, the deleter by {@link ResourceDeleter}.
 */
public final class ResourceReconciler implements KindReconciler {

    private final KubernetesClient kube;
    private final KindCatalog catalog;
    private final ObjectConverter converter;
    private final EventRecorder events;
    private final ControllerMetrics metrics;
    private final OwnerWakeups wakeups = new OwnerWakeups();
    private final PolicyResolver policies;
    private final TargetResolver targets;
    private final LongRunningOperations operations;
    private final SuccessRecorder success;
    private final ResourceDeleter deleter;
    private final StopReporter stops;
    private final FirstChecks firstChecks;
    private final KindExtensions extensions;

    public ResourceReconciler(KubernetesClient kube, KindCatalog catalog, ObjectConverter converter,
                              CredentialResolver credentials, ArmClients clients, Settings settings, EventRecorder events,
                              ControllerMetrics metrics, KindExtensions extensions, Clock clock) {
        this.kube = kube;
        this.extensions = extensions;
        this.catalog = catalog;
        this.converter = converter;
        this.events = events;
        this.metrics = metrics;
        MetadataWriter metadata = new MetadataWriter(kube);
        StatusWriter status = new StatusWriter(kube, clock);
        this.policies = new PolicyResolver(kube, settings.defaultReconcilePolicy(), clock);
        this.targets = new TargetResolver(credentials, clients, new OwnerResolver(kube, catalog, wakeups), metadata,
                new AzureNameFromConfig(kube, metadata), settings.podNamespace());
        this.operations = new LongRunningOperations(metadata, status, settings.operationTimeout(), clock);
        SyncPeriods periods = new SyncPeriods(settings.syncPeriod());
        this.firstChecks = new FirstChecks(periods);
        this.success = new SuccessRecorder(status, new Exporter(kube, new ExpressionExports(new ExpressionEngine())),
                wakeups, metrics, extensions, periods, clock);
        this.deleter = new ResourceDeleter(policies, targets, operations, extensions, events);
        this.stops = new StopReporter(status, events);
    }

    @Override
    public OwnerWakeups ownerWakeups() {
        return wakeups;
    }

    @Override
    public Outcome reconcile(KindBinding kind, ObjectNode obj) {
        Optional<Outcome> notYet = firstChecks.deferred(obj);
        if (notYet.isPresent()) {
            return notYet.get();
        }
        long start = System.nanoTime();
        String result = "success";
        try {
            Outcome o = apply(kind, obj);
            stops.succeeded(obj);
            return o;
        } catch (ReconcileStop stop) {
            ReconcileStop shown = classified(kind, stop);
            result = shown.severity().text().toLowerCase(Locale.ROOT);
            return stops.stopped(kind, obj, shown);
        } finally {
            metrics.reconcile(kind.meta().kind(), result, Duration.ofNanos(System.nanoTime() - start));
        }
    }

    @Override
    public Outcome cleanup(KindBinding kind, ObjectNode obj) {
        try {
            Outcome o = deleter.delete(kind, obj);
            if (o.finished()) {
                firstChecks.forget(obj);
            }
            stops.succeeded(obj);
            return o;
        } catch (ReconcileStop stop) {
            return stops.stopped(kind, obj, classified(kind, stop));
        }
    }

    /** A stop for an ARM error as the kind's {@link ErrorClassifier} sees it (the generic one when it has none). */
    private ReconcileStop classified(KindBinding kind, ReconcileStop stop) {
        return stop.armError().flatMap(error -> extensions.find(kind.meta(), ErrorClassifier.class)
                .map(classifier -> classifier.classify(error, stop))).orElse(stop);
    }

    @Override
    public void reportFailure(KindBinding kind, ObjectNode obj, Exception e) {
        stops.failed(kind, obj, e);
    }

    /** Resolve the inputs → the ARM request (or none when Azure is in line) → poll → status and exports. */
    private Outcome apply(KindBinding kind, ObjectNode obj) throws ReconcileStop {
        ReconcilePolicy policy = policies.of(obj);
        ReconcileTarget target = targets.forApply(kind, obj);
        AppliedObject applied = AppliedObject.of(kind, obj, converter);
        try {
            if (policy == ReconcilePolicy.SKIP) {
                return observe(target, applied);
            }
            Optional<PreReconciliationChecker> check = extensions.find(kind.meta(), PreReconciliationChecker.class);
            if (check.isPresent()) {
                check.get().check(target);
            }
            Optional<Outcome> resumed = resumePut(target, applied);
            if (resumed.isPresent()) {
                return resumed.get();
            }
            Optional<Outcome> inSync = Objects.readyAtGeneration(obj) ? resync(target, applied)
                    : Objects.stoppedAtGeneration(obj, Exporter.VALUE_MISSING) ? reread(target, applied)
                    : LongRunningOperations.mayStillRun(obj) ? Optional.empty() : adopt(target, applied);
            if (inSync.isPresent()) {
                return inSync.get();
            }
            return put(target, applied);
        } catch (ArmException e) {
            throw ArmErrors.classify(e);
        }
    }

    /**
     * One poll of a PUT under way: the outcome while it runs or once it is done; empty when there is none, or when it
     * ended for an older spec (changed meanwhile) or was forgotten by Azure: then the current spec is sent.
     */
    private Optional<Outcome> resumePut(ReconcileTarget t, AppliedObject applied) throws ReconcileStop, ArmException {
        Optional<OperationState> running = operations.running(t, LongRunningOperations.PUT);
        if (running.isEmpty()) {
            return Optional.empty();
        }
        OperationPoller.Step step = operations.poll(t, running.get(), applied.apiVersion());
        if (!step.done()) {
            return Optional.of(operations.inProgress(t, running.get(), step));
        }
        operations.forget(t);
        if (step.failed() && !LongRunningOperations.forgottenByAzure(step)) {
            throw ArmErrors.classify(step.error());
        }
        long sent = running.get().generation();
        if (!step.failed() && (sent == 0 || sent == t.generation())) {
            return Optional.of(finish(t, applied, true));
        }
        return Optional.empty();
    }

    /** On a resync of a Ready resource: GET and compare; empty when Azure differs and a PUT is needed. */
    private Optional<Outcome> resync(ReconcileTarget t, AppliedObject applied) throws ReconcileStop, ArmException {
        Optional<ArmResponse> current = get(t, applied);
        DriftCheck.Result result = current.isEmpty() ? DriftCheck.Result.DRIFTED
                : DriftCheck.compare(applied.requestBody(inputs(t, false)), current.get().body());
        if (result == DriftCheck.Result.IN_SYNC) {
            metrics.armWriteAvoided(t.meta().kind());
            return Optional.of(success.succeeded(t, applied, current.get().body(), false));
        }
        if (result == DriftCheck.Result.DRIFTED) {
            metrics.drift(t.meta().kind());
            events.normal(t.resource(), "AzureResourceDrifted", current.isEmpty()
                    ? "The Azure resource no longer exists; creating it again"
                    : "The Azure resource differs from the spec; updating it");
        }
        return Optional.empty();
    }

    /**
     * Before the first PUT of a spec (a new object, an imported one, a changed spec): GET, and when Azure already
     * holds what the spec asks for (an existing resource adopted, as asoctl import makes), no write; empty when a PUT
     * is needed (no such resource, a difference, secret inputs that cannot be compared, a failed provisioning).
     */
    private Optional<Outcome> adopt(ReconcileTarget t, AppliedObject applied) throws ReconcileStop, ArmException {
        ObjectNode desired = applied.requestBody(inputs(t, false)); // a missing input stops here, before any ARM call
        Optional<ArmResponse> current = get(t, applied);
        return current.isPresent() && succeeded(current.get().body())
                && DriftCheck.compare(desired, current.get().body()) == DriftCheck.Result.IN_SYNC
                ? Optional.of(success.succeeded(t, applied, current.get().body(), false)) : Optional.empty();
    }

    /**
     * After a reconcile that applied this generation but found an export value missing in Azure's answer: GET and
     * export again (the stop's backoff spaces these reads). A missing value is not a difference from the spec, so no
     * PUT; empty (a PUT) only when the resource no longer exists.
     */
    private Optional<Outcome> reread(ReconcileTarget t, AppliedObject applied) throws ReconcileStop, ArmException {
        Optional<ArmResponse> current = get(t, applied);
        return current.isPresent() ? Optional.of(success.succeeded(t, applied, current.get().body(), false))
                : Optional.empty();
    }

    /** Not failed nor mid-operation: a resource whose last PUT failed holds the spec's values but must be PUT again. */
    private static boolean succeeded(JsonNode azure) {
        return azure.path("properties").path("provisioningState").asText("Succeeded").equalsIgnoreCase("Succeeded");
    }

    private Outcome put(ReconcileTarget t, AppliedObject applied) throws ReconcileStop, ArmException {
        events.normal(t.resource(), "CredentialFrom", "Using " + t.credential().source());
        ObjectNode body = applied.requestBody(inputs(t, true));
        Optional<ArmResourceModifier> modifier = extensions.find(t.meta(), ArmResourceModifier.class);
        if (modifier.isPresent()) {
            body = modifier.get().modify(body, t);
        }
        ArmResponse put = t.arm().put(t.armId(), applied.apiVersion(), body);
        events.normal(t.resource(), "BeginCreateOrUpdate", "Successfully sent resource to Azure with ID \"" + t.armId() + "\"");
        Optional<Outcome> running = operations.started(t, LongRunningOperations.PUT, put);
        return running.isPresent() ? running.get() : finish(t, applied, true);
    }

    /** reconcile-policy skip: Azure is only read, into the status. */
    private Outcome observe(ReconcileTarget t, AppliedObject applied) throws ReconcileStop, ArmException {
        Optional<ArmResponse> current = get(t, applied);
        if (current.isEmpty()) {
            throw ReconcileStop.warning("AzureResourceNotFound", "The Azure resource " + t.armId()
                    + " does not exist; reconcile-policy skip never creates it");
        }
        return success.succeeded(t, applied, current.get().body(), false);
    }

    private Outcome finish(ReconcileTarget t, AppliedObject applied, boolean wrote) throws ReconcileStop, ArmException {
        return success.succeeded(t, applied, t.arm().get(t.armId(), applied.apiVersion()).body(), wrote);
    }

    /** The Azure resource, or empty when ARM says it does not exist. */
    private static Optional<ArmResponse> get(ReconcileTarget t, AppliedObject applied) throws ArmException {
        try {
            return Optional.of(t.arm().get(t.armId(), applied.apiVersion()));
        } catch (ArmException e) {
            if (e.notFound()) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** @param readSecrets false for a body only compared with Azure: secrets become a placeholder */
    private KubeInputs inputs(ReconcileTarget t, boolean readSecrets) {
        KubeInputs.WellKnownNames wellKnown = extensions.find(t.meta(), WellKnownNameResolver.class)
                .<KubeInputs.WellKnownNames>map(r -> (name, fieldPath) -> r.resolve(name, fieldPath, t))
                .orElse(KubeInputs.WellKnownNames.AS_THEY_ARE);
        return new KubeInputs(kube, catalog, t.namespace(), readSecrets, wellKnown);
    }
}
