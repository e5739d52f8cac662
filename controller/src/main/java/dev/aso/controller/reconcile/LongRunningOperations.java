package dev.aso.controller.reconcile;

import dev.aso.api.meta.OperatorAnnotations;
import dev.aso.controller.arm.ArmException;
import dev.aso.controller.arm.ArmResponse;
import dev.aso.controller.arm.OperationPoller;
import dev.aso.controller.arm.OperationState;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Long-running PUTs and DELETEs, one poll per reconcile: the operation's state lives in the resume-token annotation
 * between reconciles (so a restarted controller resumes it), and the resource shows Ready=False, Info meanwhile.
 */
final class LongRunningOperations {

    /**
     * Ready reasons after which an operation of ours may still run in Azure (given up after OPERATION_TIMEOUT, or
     * refused because one runs): the request is sent again rather than Azure's in-between state taken for done.
     */
    static boolean mayStillRun(com.fasterxml.jackson.databind.JsonNode obj) {
        String reason = Objects.ready(obj).path("reason").asText();
        return reason.equals("OperationTimedOut") || reason.equals("AnotherOperationInProgress");
    }


    static final String PUT = "PUT";
    static final String DELETE = "DELETE";
    private static final Duration DEFAULT_POLL = Duration.ofSeconds(5);

    private final MetadataWriter metadata;
    private final StatusWriter status;
    private final Duration operationTimeout;
    private final Clock clock;

    LongRunningOperations(MetadataWriter metadata, StatusWriter status, Duration operationTimeout, Clock clock) {
        this.metadata = metadata;
        this.status = status;
        this.operationTimeout = operationTimeout;
        this.clock = clock;
    }

    /**
     * The running {@code operation} recorded in the resume-token annotation, if any. A token naming a URL off the ARM
     * endpoint is removed, never polled (polling sends the credential's token); one past OPERATION_TIMEOUT is removed
     * so that the request is sent again.
     */
    Optional<OperationState> running(ReconcileTarget t, String operation) throws ReconcileStop {
        Optional<OperationState> state = OperationState.fromToken(Objects.annotation(t.resource(), OperatorAnnotations.POLLER_RESUME_TOKEN))
                .filter(s -> s.operation().equals(operation));
        if (state.isEmpty()) {
            return state;
        }
        Optional<String> foreign = state.get().foreignUrl(t.arm());
        if (foreign.isPresent()) {
            forget(t);
            throw ReconcileStop.warning("PollerResumeTokenRejected", "The annotation " + OperatorAnnotations.POLLER_RESUME_TOKEN
                    + " names a URL on " + hostOf(foreign.get()) + ", not on Azure Resource Manager's endpoint "
                    + t.arm().endpointHost() + "; the operator sends its credential nowhere else. The annotation was removed"
                    + " and the request will be sent again");
        }
        Instant started = state.get().started();
        if (started != null && Duration.between(started, clock.instant()).compareTo(operationTimeout) > 0) {
            forget(t);
            throw ReconcileStop.warning("OperationTimedOut", "The long-running " + operation + " started at " + started
                    + " has not finished within OPERATION_TIMEOUT (" + operationTimeout + "); the request will be sent again");
        }
        return state;
    }

    /** One poll of {@code state}; a poll that fails leaves the token in place and shows as a Warning. */
    OperationPoller.Step poll(ReconcileTarget t, OperationState state, String apiVersion) throws ArmException, ReconcileStop {
        if (state.strategy().equals("resource")) {
            return OperationPoller.resourceStep(state, t.arm().get(t.armId(), apiVersion).body(), DEFAULT_POLL);
        }
        OperationPoller.Step step = OperationPoller.poll(t.arm(), state);
        if (step.pollFailed()) {
            // the operation may still run: the token stays, and the failure shows until a poll succeeds
            ReconcileStop stop = ArmErrors.classify(step.error());
            throw new ReconcileStop(ReconcileStop.Severity.WARNING, stop.reason(), "The long-running " + state.operation()
                    + " could not be polled: " + step.error().getMessage(), step.error().retryAfter().orElse(null));
        }
        return step;
    }

    /** After {@code first}, the answer to a PUT or DELETE: the outcome while it runs on, empty when it is done. */
    Optional<Outcome> started(ReconcileTarget t, String operation, ArmResponse first) {
        Optional<OperationState> started = OperationPoller.start(t.arm(), operation, first)
                .map(s -> s.sentAt(t.generation(), clock.instant()));
        if (started.isEmpty()) {
            return Optional.empty();
        }
        metadata.annotate(t.kind(), t.resource(), OperatorAnnotations.POLLER_RESUME_TOKEN, started.get().toToken());
        return Optional.of(inProgress(t, started.get(), new OperationPoller.Step(false, null,
                first.retryAfter().orElse(DEFAULT_POLL), started.get())));
    }

    /** Ready=False, Info while {@code step} is not done; the token is updated when the poll changed it. */
    Outcome inProgress(ReconcileTarget t, OperationState before, OperationPoller.Step step) {
        if (!step.state().equals(before)) {
            metadata.annotate(t.kind(), t.resource(), OperatorAnnotations.POLLER_RESUME_TOKEN, step.state().toToken());
        }
        boolean deleting = before.operation().equals(DELETE);
        status.write(t.kind(), t.resource(), null, new StatusWriter.Ready(false, "Info", deleting ? "Deleting" : "Reconciling",
                deleting ? "The resource is being deleted" : "The resource is in the process of being reconciled by the operator"));
        return Outcome.after(Backoff.bounded(step.retryAfter()));
    }

    /** Removes the resume token: the operation ended, or is not to be polled. */
    void forget(ReconcileTarget t) {
        metadata.annotate(t.kind(), t.resource(), OperatorAnnotations.POLLER_RESUME_TOKEN, null);
    }

    /** Whether a finished step's failure only means that Azure no longer knows the operation. */
    static boolean forgottenByAzure(OperationPoller.Step step) {
        return step.failed() && step.error().code().equals("OperationNotFound");
    }

    private static String hostOf(String url) {
        try {
            String host = URI.create(url).getHost();
            return host == null ? "an unknown host" : host;
        } catch (IllegalArgumentException e) {
            return "an unparseable URL";
        }
    }
}
