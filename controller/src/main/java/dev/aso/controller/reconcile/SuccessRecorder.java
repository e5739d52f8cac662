package dev.aso.controller.reconcile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aso.controller.arm.ArmException;
import dev.aso.controller.extensions.KindExtensions;
import dev.aso.controller.extensions.KubernetesConfigMapExporter;
import dev.aso.controller.extensions.KubernetesSecretExporter;
import dev.aso.controller.extensions.PostReconciliationChecker;
import dev.aso.controller.extensions.SuccessfulCreationHandler;
import dev.aso.controller.observability.ControllerMetrics;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The end of a reconcile that found Azure in line with the spec: Azure's body becomes the status; the kind's
 * {@link PostReconciliationChecker} may hold Ready back; the exports are written (Azure's body is the status even when
 * either stops); the kind's
 * {@link SuccessfulCreationHandler} runs when a write to Azure is what makes the resource Ready; Ready=True. The
 * first Ready is timed, children waiting for this owner are woken and the next resync is scheduled.
 */
final class SuccessRecorder {

    private final StatusWriter status;
    private final Exporter exporter;
    private final OwnerWakeups wakeups;
    private final ControllerMetrics metrics;
    private final KindExtensions extensions;
    private final SyncPeriods syncPeriods;
    private final Clock clock;

    SuccessRecorder(StatusWriter status, Exporter exporter, OwnerWakeups wakeups, ControllerMetrics metrics,
                    KindExtensions extensions, SyncPeriods syncPeriods, Clock clock) {
        this.status = status;
        this.exporter = exporter;
        this.wakeups = wakeups;
        this.metrics = metrics;
        this.extensions = extensions;
        this.syncPeriods = syncPeriods;
        this.clock = clock;
    }

    /** @param wrote whether this reconcile wrote to Azure (then POST actions of the exports are called again) */
    Outcome succeeded(ReconcileTarget t, AppliedObject applied, JsonNode azureBody, boolean wrote)
            throws ReconcileStop, ArmException {
        ObjectNode obj = t.resource();
        AppliedObject.AzureStatus azure = applied.status(azureBody);
        Optional<PostReconciliationChecker> check = extensions.find(t.meta(), PostReconciliationChecker.class);
        try {
            if (check.isPresent()) {
                check.get().check(t, azureBody);
            }
            if (Exporter.wanted(obj)) {
                ObjectNode withStatus = obj.deepCopy();
                withStatus.set("status", azure.hubStatus());
                exporter.export(t, withStatus, azure.self(), applied.apiVersion(), wrote,
                        new Exporter.Own(extensions.find(t.meta(), KubernetesSecretExporter.class),
                                extensions.find(t.meta(), KubernetesConfigMapExporter.class)));
            }
        } catch (ReconcileStop notReady) {
            // Azure is in line with the spec: its values are shown although the resource is not Ready
            status.write(t.kind(), obj, azure.hubStatus(), new StatusWriter.Ready(false, notReady.severity().text(),
                    notReady.reason(), notReady.getMessage()));
            throw notReady;
        }
        Optional<SuccessfulCreationHandler> created = extensions.find(t.meta(), SuccessfulCreationHandler.class);
        if (created.isPresent() && wrote && !Objects.isReady(obj)) {
            created.get().created(t, azureBody);
        }
        if (status.write(t.kind(), obj, azure.hubStatus(), StatusWriter.Ready.succeeded()) && t.generation() == 1) {
            Instant createdAt = Instant.parse(obj.path("metadata").path("creationTimestamp").asText(clock.instant().toString()));
            metrics.timeToReady(t.meta().kind(), Duration.between(createdAt, clock.instant()));
        }
        wakeups.ready(t.meta().groupKind(), t.namespace(), t.name());
        return Outcome.after(syncPeriods.of(obj).map(Backoff::jitter).orElse(null));
    }
}
