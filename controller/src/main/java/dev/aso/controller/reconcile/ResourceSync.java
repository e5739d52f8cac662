package dev.aso.controller.reconcile;

import dev.aso.api.meta.OperatorAnnotations;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aso.api.meta.KindCatalog;
import dev.aso.api.meta.VersionMeta;
import dev.aso.controller.arm.ArmClient;
import dev.aso.controller.arm.ArmException;
import dev.aso.controller.arm.ArmResponse;
import dev.aso.controller.arm.OperationPoller;
import dev.aso.controller.arm.OperationState;
import dev.aso.controller.credentials.ArmClients;
import dev.aso.controller.expressions.ExpressionEngine;
import dev.aso.controller.credentials.AzureCredential;
import dev.aso.controller.credentials.CredentialException;
import dev.aso.controller.credentials.CredentialResolver;
import dev.aso.controller.observability.ControllerMetrics;
import dev.aso.controller.observability.EventRecorder;
import dev.aso.api.meta.ReconcilePolicy;
import dev.aso.controller.settings.Settings;
import dev.aso.conversion.ConversionException;
import dev.aso.conversion.ObjectConverter;
import dev.aso.conversion.arm.ArmPayloadException;
import dev.aso.conversion.arm.ArmPayloads;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.OperatorException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The generic reconcile of every kind, on the hub object as JSON: owner, ARM id, credential, then GET-compare (on a
 * resync) or PUT with the api-version of {@code spec.originalVersion}, long-running operations polled one step per
 * reconcile with the resume state in an annotation, status from a GET, exports; and deletion under the reconcile
 * policy. Outcomes are written to the Ready condition, events and metrics.
 */
public final class ResourceSync {

    private static final Logger LOG = LoggerFactory.getLogger(ResourceSync.class);
    private static final Duration DEFAULT_POLL = Duration.ofSeconds(5);
    /** How often a resource stopped by its credential (a Secret or annotation to fix) is looked at again. */
    private static final Duration CREDENTIAL_RECHECK = Duration.ofSeconds(30);

    /** @param requeueAfter when to reconcile again (null: only on the next change); {@code finished}: the delete is done */
    public record Outcome(Duration requeueAfter, boolean finished) { }

    private final KubernetesClient kube;
    private final KindCatalog catalog;
    private final ObjectConverter converter;
    private final CredentialResolver credentials;
    private final ArmClients clients;
    private final Settings settings;
    private final EventRecorder events;
    private final ControllerMetrics metrics;
    private final Clock clock;
    private final OwnerResolver owners;
    private final StatusWriter status;
    private final Exporter exporter;
    private final MetadataWriter metadata;
    private final PolicyResolver policies;
    private final OwnerWakeups wakeups = new OwnerWakeups();
    private final Backoff backoff = new Backoff();

    public ResourceSync(KubernetesClient kube, KindCatalog catalog, ObjectConverter converter, CredentialResolver credentials,
                        ArmClients clients, Settings settings, EventRecorder events, ControllerMetrics metrics, Clock clock) {
        this.kube = kube;
        this.catalog = catalog;
        this.converter = converter;
        this.credentials = credentials;
        this.clients = clients;
        this.settings = settings;
        this.events = events;
        this.metrics = metrics;
        this.clock = clock;
        this.owners = new OwnerResolver(kube, catalog, wakeups);
        this.status = new StatusWriter(kube, clock);
        this.exporter = new Exporter(kube, new ExpressionExports(new ExpressionEngine()));
        this.metadata = new MetadataWriter(kube);
        this.policies = new PolicyResolver(kube, settings.defaultReconcilePolicy(), clock);
    }

    /** Where the controllers register how to wake their objects waiting for an owner. */
    public OwnerWakeups ownerWakeups() {
        return wakeups;
    }

    public Outcome reconcile(KindBinding kind, ObjectNode obj) {
        long start = System.nanoTime();
        String result = "success";
        try {
            Outcome o = sync(kind, obj);
            backoff.reset(uid(obj));
            return o;
        } catch (ReconcileStop stop) {
            result = stop.severity().text().toLowerCase(java.util.Locale.ROOT);
            return stopped(kind, obj, stop);
        } finally {
            metrics.reconcile(kind.meta().kind(), result, Duration.ofNanos(System.nanoTime() - start));
        }
    }

    public Outcome cleanup(KindBinding kind, ObjectNode obj) {
        try {
            Outcome o = delete(kind, obj);
            backoff.reset(uid(obj));
            return o;
        } catch (ReconcileStop stop) {
            return stopped(kind, obj, stop);
        }
    }

    /**
     * Shows on the resource a reconcile that ended in an exception (JOSDK retries it): Ready=False, Warning, the
     * cause's kind in the reason. Best effort: the API server may be what failed.
     */
    public void reportFailure(KindBinding kind, ObjectNode obj, Exception e) {
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

    private Outcome sync(KindBinding kind, ObjectNode obj) throws ReconcileStop {
        ReconcilePolicy policy = policies.of(obj);
        AzureCredential credential = credential(obj);
        ArmClient arm = clients.forCredential(credential);
        OwnerResolver.Owner owner = owners.resolve(obj, kind.meta(), credential.subscriptionId());
        String id = ArmIds.of(kind.meta(), owner.armId(), azureName(obj));
        checkSubscription(Objects.annotation(obj, OperatorAnnotations.RESOURCE_ID), credential);
        checkSubscription(id, credential); // the id about to be written: an owner armId may name another subscription
        metadata.ensure(kind, obj, id, owner.ownerReference());
        VersionMeta version = kind.originalVersion(obj);
        try {
            if (policy == ReconcilePolicy.SKIP) {
                return observe(kind, obj, arm, id, version);
            }
            Optional<OperationState> running = resumeToken(kind, obj, arm, "PUT");
            if (running.isPresent()) {
                OperationPoller.Step step = pollStep(arm, running.get(), id, version);
                if (!step.done()) {
                    return inProgress(kind, obj, running.get(), step);
                }
                metadata.annotate(kind, obj, OperatorAnnotations.POLLER_RESUME_TOKEN, null);
                if (step.failed() && !step.error().code().equals("OperationNotFound")) {
                    throw ErrorClassifier.classify(step.error());
                }
                long sent = running.get().generation();
                if (!step.failed() && (sent == 0 || sent == generation(obj))) {
                    return finish(kind, obj, arm, id, version, true);
                }
                // the spec changed while the operation ran (or Azure forgot it): send the current spec
            }
            if (Objects.readyAtGeneration(obj)) {
                Optional<Outcome> unchanged = resync(kind, obj, arm, id, version);
                if (unchanged.isPresent()) {
                    return unchanged.get();
                }
            }
            events.normal(obj, "CredentialFrom", "Using " + credential.source());
            ArmResponse put = arm.put(id, version.apiVersion(), body(kind, obj, version, true));
            Optional<OperationState> started = OperationPoller.start(arm, "PUT", put)
                    .map(s -> s.sentAt(generation(obj), clock.instant()));
            if (started.isPresent()) {
                metadata.annotate(kind, obj, OperatorAnnotations.POLLER_RESUME_TOKEN, started.get().toToken());
                return inProgress(kind, obj, started.get(), new OperationPoller.Step(false, null,
                        put.retryAfter().orElse(DEFAULT_POLL), started.get()));
            }
            return finish(kind, obj, arm, id, version, true);
        } catch (ArmException e) {
            throw ErrorClassifier.classify(e);
        }
    }

    /** On a resync of a Ready resource: GET and compare; empty when Azure differs and a PUT is needed. */
    private Optional<Outcome> resync(KindBinding kind, ObjectNode obj, ArmClient arm, String id, VersionMeta version)
            throws ReconcileStop, ArmException {
        ArmResponse current;
        try {
            current = arm.get(id, version.apiVersion());
        } catch (ArmException e) {
            if (!e.notFound()) {
                throw e;
            }
            current = null;
        }
        DriftCheck.Result result = current == null ? DriftCheck.Result.DRIFTED
                : DriftCheck.compare(body(kind, obj, version, false), current.body());
        if (result == DriftCheck.Result.IN_SYNC) {
            metrics.armWriteAvoided(kind.meta().kind());
            return Optional.of(succeeded(kind, obj, arm, id, version, current, false));
        }
        if (result == DriftCheck.Result.DRIFTED) {
            metrics.drift(kind.meta().kind());
            events.normal(obj, "AzureResourceDrifted", current == null
                    ? "The Azure resource no longer exists; creating it again"
                    : "The Azure resource differs from the spec; updating it");
        }
        return Optional.empty();
    }

    /** reconcile-policy skip: read the resource into status, never write it. */
    private Outcome observe(KindBinding kind, ObjectNode obj, ArmClient arm, String id, VersionMeta version)
            throws ReconcileStop, ArmException {
        try {
            return succeeded(kind, obj, arm, id, version, arm.get(id, version.apiVersion()), false);
        } catch (ArmException e) {
            if (e.notFound()) {
                throw ReconcileStop.warning("AzureResourceNotFound", "The Azure resource " + id
                        + " does not exist; reconcile-policy skip never creates it");
            }
            throw e;
        }
    }

    private Outcome finish(KindBinding kind, ObjectNode obj, ArmClient arm, String id, VersionMeta version,
                           boolean wrote) throws ReconcileStop, ArmException {
        return succeeded(kind, obj, arm, id, version, arm.get(id, version.apiVersion()), wrote);
    }

    private Outcome succeeded(KindBinding kind, ObjectNode obj, ArmClient arm, String id, VersionMeta version,
                              ArmResponse current, boolean wrote) throws ReconcileStop, ArmException {
        ObjectNode azureStatus = azureStatus(kind, obj, version, current.body());
        if (Exporter.wanted(obj)) {
            ObjectNode withStatus = obj.deepCopy();
            withStatus.set("status", azureStatus);
            JsonNode self = Exporter.hasExpressions(obj) ? appliedVersion(kind, withStatus, version) : withStatus;
            exporter.export(withStatus, self, kind.meta(), arm, id, version.apiVersion(), wrote);
        }
        if (status.write(kind, obj, azureStatus, StatusWriter.Ready.succeeded())
                && obj.path("metadata").path("generation").asLong() == 1) {
            Instant created = Instant.parse(obj.path("metadata").path("creationTimestamp").asText(clock.instant().toString()));
            metrics.timeToReady(kind.meta().kind(), Duration.between(created, clock.instant()));
        }
        wakeups.ready(kind.meta().groupKind(), obj.path("metadata").path("namespace").asText(),
                obj.path("metadata").path("name").asText());
        return new Outcome(settings.syncPeriod().map(Backoff::jitter).orElse(null), false);
    }

    private Outcome inProgress(KindBinding kind, ObjectNode obj, OperationState before, OperationPoller.Step step) {
        if (!step.state().equals(before)) {
            metadata.annotate(kind, obj, OperatorAnnotations.POLLER_RESUME_TOKEN, step.state().toToken());
        }
        boolean deleting = before.operation().equals("DELETE");
        status.write(kind, obj, null, new StatusWriter.Ready(false, "Info", deleting ? "Deleting" : "Reconciling",
                deleting ? "The resource is being deleted" : "The resource is in the process of being reconciled by the operator"));
        return new Outcome(Backoff.bounded(step.retryAfter()), false);
    }

    private Outcome delete(KindBinding kind, ObjectNode obj) throws ReconcileStop {
        ReconcilePolicy policy = policies.forDelete(obj);
        String id = Objects.annotation(obj, OperatorAnnotations.RESOURCE_ID);
        if (policy != ReconcilePolicy.MANAGE || id == null) {
            LOG.info("{}: removing the finalizer without deleting in Azure (reconcile-policy {}{})", Objects.describe(obj),
                    policy.value(), id == null ? ", never created" : "");
            return new Outcome(null, true);
        }
        AzureCredential credential = credential(obj);
        checkSubscription(id, credential); // a credential of another subscription cannot delete it either
        checkOwnership(kind, obj, id, credential);
        ArmClient arm = clients.forCredential(credential);
        VersionMeta version = kind.originalVersion(obj);
        try {
            Optional<OperationState> running = resumeToken(kind, obj, arm, "DELETE");
            if (running.isPresent()) {
                OperationPoller.Step step = pollStep(arm, running.get(), id, version);
                if (!step.done()) {
                    return inProgress(kind, obj, running.get(), step);
                }
                if (step.failed() && !step.error().code().equals("OperationNotFound")) {
                    metadata.annotate(kind, obj, OperatorAnnotations.POLLER_RESUME_TOKEN, null);
                    throw ErrorClassifier.classify(step.error());
                }
            }
            try {
                arm.get(id, version.apiVersion());
            } catch (ArmException e) {
                if (e.notFound()) {
                    return new Outcome(null, true);
                }
                throw e;
            }
            ArmResponse deleted = arm.delete(id, version.apiVersion());
            Optional<OperationState> started = OperationPoller.start(arm, "DELETE", deleted)
                    .map(s -> s.sentAt(generation(obj), clock.instant()));
            if (started.isPresent()) {
                metadata.annotate(kind, obj, OperatorAnnotations.POLLER_RESUME_TOKEN, started.get().toToken());
                return inProgress(kind, obj, started.get(), new OperationPoller.Step(false, null,
                        deleted.retryAfter().orElse(DEFAULT_POLL), started.get()));
            }
            return new Outcome(null, true);
        } catch (ArmException e) {
            if (e.notFound()) {
                return new Outcome(null, true);
            }
            throw ErrorClassifier.classify(e);
        }
    }

    /**
     * The running {@code operation} recorded in the resume-token annotation, if any. A token naming a URL off the ARM
     * endpoint is removed, never polled (polling sends the credential's token); one past OPERATION_TIMEOUT is removed
     * so that the request is sent again.
     */
    private Optional<OperationState> resumeToken(KindBinding kind, ObjectNode obj, ArmClient arm, String operation)
            throws ReconcileStop {
        Optional<OperationState> state = OperationState.fromToken(Objects.annotation(obj, OperatorAnnotations.POLLER_RESUME_TOKEN))
                .filter(s -> s.operation().equals(operation));
        if (state.isEmpty()) {
            return state;
        }
        Optional<String> foreign = state.get().foreignUrl(arm);
        if (foreign.isPresent()) {
            metadata.annotate(kind, obj, OperatorAnnotations.POLLER_RESUME_TOKEN, null);
            throw ReconcileStop.warning("PollerResumeTokenRejected", "The annotation " + OperatorAnnotations.POLLER_RESUME_TOKEN
                    + " names a URL on " + hostOf(foreign.get()) + ", not on Azure Resource Manager's endpoint "
                    + arm.endpointHost() + "; the operator sends its credential nowhere else. The annotation was removed"
                    + " and the request will be sent again");
        }
        Instant started = state.get().started();
        if (started != null && Duration.between(started, clock.instant()).compareTo(settings.operationTimeout()) > 0) {
            metadata.annotate(kind, obj, OperatorAnnotations.POLLER_RESUME_TOKEN, null);
            throw ReconcileStop.warning("OperationTimedOut", "The long-running " + operation + " started at " + started
                    + " has not finished within OPERATION_TIMEOUT (" + settings.operationTimeout()
                    + "); the request will be sent again");
        }
        return state;
    }

    private OperationPoller.Step pollStep(ArmClient arm, OperationState state, String id, VersionMeta version)
            throws ArmException, ReconcileStop {
        if (state.strategy().equals("resource")) {
            return OperationPoller.resourceStep(state, arm.get(id, version.apiVersion()).body(), DEFAULT_POLL);
        }
        OperationPoller.Step step = OperationPoller.poll(arm, state);
        if (step.pollFailed()) {
            // the operation may still run: the token stays, and the failure shows until a poll succeeds
            ReconcileStop stop = ErrorClassifier.classify(step.error());
            throw new ReconcileStop(ReconcileStop.Severity.WARNING, stop.reason(), "The long-running " + state.operation()
                    + " could not be polled: " + step.error().getMessage(), step.error().retryAfter().orElse(null));
        }
        return step;
    }

    /**
     * Deletes only what this resource manages: the recorded id must be the one its spec and owner name (when the
     * owner can no longer be read, at least its ARM type and name must match), else nothing is deleted.
     */
    private void checkOwnership(KindBinding kind, ObjectNode obj, String recorded, AzureCredential credential)
            throws ReconcileStop {
        Optional<String> expected = owners.ownerIdForDelete(obj, kind.meta(), credential.subscriptionId())
                .map(ownerId -> ArmIds.of(kind.meta(), ownerId, azureName(obj)));
        boolean owned = expected.map(recorded::equalsIgnoreCase)
                .orElseGet(() -> ArmIds.namesA(recorded, kind.meta(), azureName(obj)));
        if (!owned) {
            throw ReconcileStop.errorFixedOutsideTheSpec("ResourceIdMismatch", "The annotation "
                    + OperatorAnnotations.RESOURCE_ID + " names " + recorded + ", but spec.azureName and spec.owner name "
                    + expected.orElse("a " + kind.meta().armType() + " called " + azureName(obj))
                    + "; the operator deletes only the resource it manages, so nothing was deleted. Restore the"
                    + " annotation, or set " + OperatorAnnotations.RECONCILE_POLICY + ": detach-on-delete on this resource"
                    + " to remove it from Kubernetes only", CREDENTIAL_RECHECK);
        }
    }

    private static String hostOf(String url) {
        try {
            String host = java.net.URI.create(url).getHost();
            return host == null ? "an unknown host" : host;
        } catch (IllegalArgumentException e) {
            return "an unparseable URL";
        }
    }

    private static long generation(ObjectNode obj) {
        return obj.path("metadata").path("generation").asLong(0);
    }

    private Outcome stopped(KindBinding kind, ObjectNode obj, ReconcileStop stop) {
        status.write(kind, obj, null, new StatusWriter.Ready(false, stop.severity().text(), stop.reason(), stop.getMessage()));
        if (stop.severity() != ReconcileStop.Severity.INFO) {
            events.warning(obj, stop.reason(), stop.getMessage());
            LOG.info("{}: {} {}: {}", Objects.describe(obj), stop.severity().text(), stop.reason(), stop.getMessage());
        }
        // every stop is looked at again: an Error that only a spec change fixes is retried with backoff too
        Duration after = stop.retryAfter() != null ? Backoff.bounded(stop.retryAfter())
                : stop.severity() == ReconcileStop.Severity.INFO ? DEFAULT_POLL : backoff.next(uid(obj));
        return new Outcome(after, false);
    }

    private AzureCredential credential(ObjectNode obj) throws ReconcileStop {
        try {
            return credentials.resolve(obj.path("metadata").path("namespace").asText(),
                    Objects.JSON.convertValue(obj.path("metadata").path("annotations"),
                            new com.fasterxml.jackson.core.type.TypeReference<java.util.Map<String, String>>() { }));
        } catch (CredentialException e) {
            // a missing Secret may yet be created; a Secret of another namespace or without its keys needs a fix
            throw e.reason().equals("CredentialNotFound") ? ReconcileStop.warning(e.reason(), e.getMessage())
                    : ReconcileStop.errorFixedOutsideTheSpec(e.reason(), e.getMessage(), CREDENTIAL_RECHECK);
        }
    }

    /** The credential must be for the subscription of {@code armId} (when there is one). */
    private static void checkSubscription(String armId, AzureCredential credential) throws ReconcileStop {
        Optional<String> sub = ArmIds.subscription(armId);
        if (sub.isPresent() && !sub.get().equalsIgnoreCase(credential.subscriptionId())) {
            throw ReconcileStop.errorFixedOutsideTheSpec("SubscriptionMismatch", "The resource is in subscription "
                    + sub.get()
                    + " but the " + credential.source() + " is for subscription " + credential.subscriptionId()
                    + "; a resource cannot be moved between subscriptions: use a credential for " + sub.get()
                    + ", or delete and recreate the resource under an owner in " + credential.subscriptionId(), CREDENTIAL_RECHECK);
        }
    }

    /** The ARM request body at {@code version}; secrets replaced by a placeholder unless {@code readSecrets}. */
    private ObjectNode body(KindBinding kind, ObjectNode obj, VersionMeta version, boolean readSecrets) throws ReconcileStop {
        try {
            JsonNode spec = version.storage() ? obj.path("spec") : converter.convert(specOnly(obj), kind.apiVersion(version)).path("spec");
            KubeInputs inputs = new KubeInputs(kube, catalog, obj.path("metadata").path("namespace").asText(), readSecrets);
            return ArmPayloads.requestBody((ObjectNode) spec, version, inputs);
        } catch (InputMissing e) {
            throw ReconcileStop.warning(e.reason(), e.getMessage());
        } catch (ArmPayloadException e) {
            throw ReconcileStop.warning("ReferenceNotFound", e.getMessage());
        } catch (ConversionException e) {
            throw ReconcileStop.error("ConversionFailed", e.getMessage());
        }
    }

    /** Azure's view in {@code version}, converted to the hub's status. */
    private ObjectNode azureStatus(KindBinding kind, ObjectNode obj, VersionMeta version, JsonNode armBody) throws ReconcileStop {
        ObjectNode at = ArmPayloads.status(armBody, version);
        if (version.storage()) {
            return at;
        }
        ObjectNode spoke = Objects.JSON.createObjectNode();
        spoke.put("apiVersion", kind.apiVersion(version)).put("kind", kind.meta().kind());
        spoke.putObject("metadata").put("name", obj.path("metadata").path("name").asText())
                .put("namespace", obj.path("metadata").path("namespace").asText());
        spoke.putObject("spec");
        spoke.set("status", at);
        try {
            JsonNode hub = converter.convert(spoke, kind.apiVersion(kind.meta().hub())).path("status");
            return hub instanceof ObjectNode o ? o : Objects.JSON.createObjectNode();
        } catch (ConversionException e) {
            throw ReconcileStop.error("ConversionFailed", e.getMessage());
        }
    }

    /** The object (spec and status) at the version it was applied at: {@code self} of CEL expressions, as in ASO. */
    private ObjectNode appliedVersion(KindBinding kind, ObjectNode hub, VersionMeta version) throws ReconcileStop {
        if (version.storage()) {
            return hub;
        }
        try {
            return converter.convert(hub, kind.apiVersion(version));
        } catch (ConversionException e) {
            throw ReconcileStop.error("ConversionFailed", e.getMessage());
        }
    }

    private static ObjectNode specOnly(ObjectNode obj) {
        ObjectNode out = Objects.JSON.createObjectNode();
        out.set("apiVersion", obj.get("apiVersion"));
        out.set("kind", obj.get("kind"));
        out.putObject("metadata").put("name", obj.path("metadata").path("name").asText())
                .put("namespace", obj.path("metadata").path("namespace").asText());
        out.set("spec", obj.path("spec").deepCopy());
        return out;
    }

    private static String azureName(ObjectNode obj) {
        String name = obj.path("spec").path("azureName").asText("");
        return name.isEmpty() ? obj.path("metadata").path("name").asText() : name;
    }

    private static String uid(ObjectNode obj) {
        return obj.path("metadata").path("uid").asText();
    }
}
