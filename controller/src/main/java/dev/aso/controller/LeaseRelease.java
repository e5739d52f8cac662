package dev.aso.controller;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/**
 * Gives up the leader-election Lease on a clean shutdown, as client-go's ReleaseOnCancel does: holder cleared, a
 * one-second duration, so a standby replica takes over at its next retry instead of after the lease duration. JOSDK
 * 5.2 cancels its elector without releasing. Nothing is done when another replica holds the Lease, and the update is
 * guarded by the Lease's resourceVersion, so a Lease taken over meanwhile is left alone.
 */
final class LeaseRelease {

    private static final Logger LOG = LoggerFactory.getLogger(LeaseRelease.class);

    private final KubernetesClient kube;
    private final LeaderElectionConfiguration election;

    LeaseRelease(KubernetesClient kube, LeaderElectionConfiguration election) {
        this.kube = kube;
        this.election = election;
    }

    void release() {
        String identity = election.getIdentity().orElse(null);
        String namespace = election.getLeaseNamespace().orElse(null);
        if (identity == null || namespace == null) {
            return;
        }
        try {
            Lease lease = kube.leases().inNamespace(namespace).withName(election.getLeaseName()).get();
            if (lease == null || lease.getSpec() == null || !identity.equals(lease.getSpec().getHolderIdentity())) {
                return;
            }
            ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
            lease.getSpec().setHolderIdentity("");
            lease.getSpec().setLeaseDurationSeconds(1);
            lease.getSpec().setAcquireTime(now);
            lease.getSpec().setRenewTime(now);
            kube.resource(lease).update();
            LOG.info("released the leader election Lease {}/{}", namespace, election.getLeaseName());
        } catch (KubernetesClientException e) {
            LOG.warn("could not release the leader election Lease {}/{} (a standby takes over when it expires): {}",
                    namespace, election.getLeaseName(), e.getMessage());
        }
    }
}
