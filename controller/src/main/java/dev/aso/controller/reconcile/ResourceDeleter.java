package dev.aso.controller.reconcile;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aso.api.meta.OperatorAnnotations;
import dev.aso.api.meta.ReconcilePolicy;
import dev.aso.controller.arm.ArmException;
import dev.aso.controller.arm.ArmResponse;
import dev.aso.controller.arm.OperationPoller;
import dev.aso.controller.arm.OperationState;
import dev.aso.controller.extensions.Deleter;
import dev.aso.controller.extensions.KindExtensions;
import dev.aso.controller.observability.EventRecorder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;

/**
 * The delete of a resource under its reconcile policy: with {@code manage}, the Azure resource its annotation
 * records (when it is the one the spec names) is deleted and the operation polled to its end; otherwise Azure is
 * left alone; a kind with a {@link Deleter} deletes its own way. {@link Outcome#finished()} lets the finalizer go.
 */
final class ResourceDeleter {

    private static final Logger LOG = LoggerFactory.getLogger(ResourceDeleter.class);

    private final PolicyResolver policies;
    private final TargetResolver targets;
    private final LongRunningOperations operations;
    private final KindExtensions extensions;
    private final EventRecorder events;

    ResourceDeleter(PolicyResolver policies, TargetResolver targets, LongRunningOperations operations,
                    KindExtensions extensions, EventRecorder events) {
        this.policies = policies;
        this.targets = targets;
        this.operations = operations;
        this.extensions = extensions;
        this.events = events;
    }

    Outcome delete(KindBinding kind, ObjectNode obj) throws ReconcileStop {
        ReconcilePolicy policy = policies.forDelete(obj);
        String id = Objects.annotation(obj, OperatorAnnotations.RESOURCE_ID);
        if (policy != ReconcilePolicy.MANAGE || id == null) {
            LOG.info("{}: removing the finalizer without deleting in Azure (reconcile-policy {}{})", Objects.describe(obj),
                    policy.value(), id == null ? ", never created" : "");
            return Outcome.deleted();
        }
        ReconcileTarget target = targets.forDelete(kind, obj, id);
        if (operations.running(target, LongRunningOperations.DELETE).isEmpty()) {
            // ASO's event when it begins a delete, before the kind's own deleter (as ASO's StartDeleteOfResource)
            events.normal(obj, "BeginDelete", "Starting delete of resource");
        }
        try {
            Optional<Deleter> own = extensions.find(kind.meta(), Deleter.class);
            return own.isPresent() ? own.get().delete(target, () -> deleteInAzure(target)) : deleteInAzure(target);
        } catch (ArmException e) {
            throw ArmErrors.classify(e);
        }
    }

    /** GET; DELETE when it exists; the operation polled one step per reconcile. */
    private Outcome deleteInAzure(ReconcileTarget target) throws ReconcileStop {
        String apiVersion = target.apiVersion();
        try {
            Optional<OperationState> running = operations.running(target, LongRunningOperations.DELETE);
            if (running.isPresent()) {
                OperationPoller.Step step = operations.poll(target, running.get(), apiVersion);
                if (!step.done()) {
                    return operations.inProgress(target, running.get(), step);
                }
                if (step.failed() && !LongRunningOperations.forgottenByAzure(step)) {
                    operations.forget(target);
                    throw ArmErrors.classify(step.error());
                }
            }
            if (!exists(target, apiVersion)) {
                return Outcome.deleted();
            }
            ArmResponse deleted = target.arm().delete(target.armId(), apiVersion);
            return operations.started(target, LongRunningOperations.DELETE, deleted).orElseGet(Outcome::deleted);
        } catch (ArmException e) {
            if (e.notFound()) {
                return Outcome.deleted();
            }
            throw ArmErrors.classify(e);
        }
    }

    private static boolean exists(ReconcileTarget target, String apiVersion) throws ArmException {
        try {
            target.arm().get(target.armId(), apiVersion);
            return true;
        } catch (ArmException e) {
            if (e.notFound()) {
                return false;
            }
            throw e;
        }
    }
}
