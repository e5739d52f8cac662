package dev.aso.controller.settings;

import dev.aso.api.meta.ReconcilePolicy;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Everything a user can set for the controller, with ASO's names and defaults (see docs/controller.md). Built by
 * {@link SettingsLoader}, which validates every value; secret values are {@link Sensitive} so the record can be
 * logged.
 *
 * @param syncPeriod     empty when {@code AZURE_SYNC_PERIOD=never}
 * @param crdPattern     {@code ;}-separated globs on {@code group/Kind}; empty installs nothing
 * @param graphEndpoint  Microsoft Graph, for the kinds of entra.azure.com (AZURE_GRAPH_ENDPOINT)
 * @param graphAudience  the audience of Graph tokens (AZURE_GRAPH_AUDIENCE)
 * @param shardCount     SHARD_COUNT: 1 (a leader reconciles everything) or the number of shards the namespaces are
 *                       split into across the replicas
 * @param streamingLists STREAMING_LISTS: whether informers fill their caches from a streaming watch
 */
public record Settings(
        String subscriptionId,
        String tenantId,
        String clientId,
        Sensitive clientSecret,
        Sensitive clientCertificate,
        Sensitive clientCertificatePassword,
        boolean useWorkloadIdentity,
        Path federatedTokenFile,
        URI authorityHost,
        URI resourceManagerEndpoint,
        String resourceManagerAudience,
        Optional<Duration> syncPeriod,
        List<String> targetNamespaces,
        OperatorMode operatorMode,
        int maxConcurrentReconciles,
        RateLimit rateLimit,
        ReconcilePolicy defaultReconcilePolicy,
        String podNamespace,
        String crdPattern,
        Path additionalCaCertificates,
        Duration operationTimeout,
        URI graphEndpoint,
        String graphAudience,
        ArmBudget armBudget,
        int shardCount,
        StreamingLists streamingLists) {

    public Settings {
        targetNamespaces = List.copyOf(targetNamespaces);
    }

    /** Whether a global credential is configured (a subscription plus a client, or workload identity). */
    public boolean hasGlobalCredential() {
        return subscriptionId != null && clientId != null && tenantId != null;
    }

    /** ASO's AZURE_OPERATOR_MODE. */
    public enum OperatorMode {
        WATCHERS_AND_WEBHOOKS("watchers-and-webhooks"), WATCHERS("watchers"), WEBHOOKS("webhooks");

        private final String value;

        OperatorMode(String value) {
            this.value = value;
        }

        public String value() {
            return value;
        }

        public boolean runsWatchers() {
            return this != WEBHOOKS;
        }
    }

    /** STREAMING_LISTS: auto (on when the API server is Kubernetes 1.34 or later), true or false. */
    public enum StreamingLists {
        AUTO("auto"), ON("true"), OFF("false");

        private final String value;

        StreamingLists(String value) {
            this.value = value;
        }

        public String value() {
            return value;
        }
    }

    /** RATE_LIMIT_MODE (disabled or bucket), RATE_LIMIT_QPS and RATE_LIMIT_BUCKET_SIZE. */
    public record RateLimit(boolean enabled, double qps, int bucketSize) { }

    /**
     * ARM's throttling, per subscription and credential: ARM_READS_PER_SECOND and ARM_READ_BUCKET_SIZE (GET, HEAD),
     * ARM_WRITES_PER_SECOND and ARM_WRITE_BUCKET_SIZE (PUT, PATCH, POST, DELETE).
     */
    public record ArmBudget(double readsPerSecond, int readBucketSize, double writesPerSecond, int writeBucketSize) { }
}
