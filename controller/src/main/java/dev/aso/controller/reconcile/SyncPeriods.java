package dev.aso.controller.reconcile;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aso.api.meta.GoDuration;
import dev.aso.api.meta.OperatorAnnotations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Optional;

/**
 * How often a resource is re-checked against Azure: its annotation {@code serviceoperator.azure.com/sync-period} (a
 * Go duration or {@code never}, checked at admission) when set, else AZURE_SYNC_PERIOD. A value the webhooks would
 * have refused (they were bypassed) counts as unset.
 */
public final class SyncPeriods {

    private static final Logger LOG = LoggerFactory.getLogger(SyncPeriods.class);

    private final Optional<Duration> global;

    public SyncPeriods(Optional<Duration> global) {
        this.global = global;
    }

    /** The resource's period; empty: never re-checked (until its spec changes). */
    public Optional<Duration> of(JsonNode obj) {
        JsonNode value = obj.path("metadata").path("annotations").path(OperatorAnnotations.SYNC_PERIOD);
        if (!value.isTextual()) {
            return global;
        }
        try {
            return GoDuration.syncPeriod(value.asText());
        } catch (IllegalArgumentException e) {
            LOG.warn("{}: annotation {} ignored, AZURE_SYNC_PERIOD applies: {}", Objects.describe(obj),
                    OperatorAnnotations.SYNC_PERIOD, e.getMessage());
            return global;
        }
    }
}
