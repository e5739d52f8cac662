package dev.aso.controller.reconcile;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aso.api.meta.OperatorAnnotations;
import dev.aso.controller.credentials.ArmClients;
import dev.aso.controller.credentials.AzureCredential;
import dev.aso.controller.credentials.CredentialException;
import dev.aso.controller.credentials.CredentialResolver;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Resolves what a reconcile acts on: the credential, the owner and so the ARM id, with the checks that keep the
 * operator on the resource its spec names: the credential's subscription must be the id's, and a delete deletes
 * only the id the spec and owner name.
 */
final class TargetResolver {

    /** How often a resource stopped by its credential or an annotation (fixes outside the spec) is looked at again. */
    static final Duration RECHECK = Duration.ofSeconds(30);

    private final CredentialResolver credentials;
    private final ArmClients clients;
    private final OwnerResolver owners;
    private final MetadataWriter metadata;
    private final AzureNameFromConfig namesFromConfig;
    private final String operatorNamespace;

    /** @param operatorNamespace this operator's namespace, its claim on the resources it reconciles */
    TargetResolver(CredentialResolver credentials, ArmClients clients, OwnerResolver owners, MetadataWriter metadata,
                   AzureNameFromConfig namesFromConfig, String operatorNamespace) {
        this.credentials = credentials;
        this.clients = clients;
        this.owners = owners;
        this.metadata = metadata;
        this.namesFromConfig = namesFromConfig;
        this.operatorNamespace = operatorNamespace;
    }

    /**
     * For a create or update: the owner must be Ready; the finalizer, this operator's claim, the ARM id's annotation
     * and the owner reference are recorded in one write before anything is written to Azure.
     */
    ReconcileTarget forApply(KindBinding kind, ObjectNode obj) throws ReconcileStop {
        AzureCredential credential = credential(obj);
        OwnerResolver.Owner owner = owners.resolve(obj, kind.meta(), credential.subscriptionId());
        namesFromConfig.record(kind, obj);
        String id = ArmIds.of(kind.meta(), owner.armId(), ReconcileTarget.azureName(kind.meta(), obj));
        checkSubscription(Objects.annotation(obj, OperatorAnnotations.RESOURCE_ID), credential);
        checkSubscription(id, credential); // the id about to be written: an owner armId may name another subscription
        Map<String, String> marks = new HashMap<>(OperatorNamespaceClaim.annotation(operatorNamespace));
        marks.put(OperatorAnnotations.RESOURCE_ID, id);
        metadata.ensure(kind, obj, marks, owner.ownerReference());
        return new ReconcileTarget(kind, obj, credential, clients.forCredential(credential), id);
    }

    /**
     * For a delete: the recorded id, if it is the one the resource's spec and owner name (when the owner can no
     * longer be read, at least its ARM type and name must match), with a credential of its subscription.
     */
    ReconcileTarget forDelete(KindBinding kind, ObjectNode obj, String recordedId) throws ReconcileStop {
        AzureCredential credential = credential(obj);
        checkSubscription(recordedId, credential); // a credential of another subscription cannot delete it either
        String azureName = ReconcileTarget.azureName(kind.meta(), obj);
        Optional<String> expected = owners.ownerIdForDelete(obj, kind.meta(), credential.subscriptionId())
                .map(ownerId -> ArmIds.of(kind.meta(), ownerId, azureName));
        boolean owned = expected.map(recordedId::equalsIgnoreCase)
                .orElseGet(() -> ArmIds.namesA(recordedId, kind.meta(), azureName));
        if (!owned) {
            throw ReconcileStop.errorFixedOutsideTheSpec("ResourceIdMismatch", "The annotation "
                    + OperatorAnnotations.RESOURCE_ID + " names " + recordedId + ", but spec.azureName and spec.owner name "
                    + expected.orElse("a " + kind.meta().armType() + " called " + azureName)
                    + "; the operator deletes only the resource it manages, so nothing was deleted. Restore the"
                    + " annotation, or set " + OperatorAnnotations.RECONCILE_POLICY + ": detach-on-delete on this resource"
                    + " to remove it from Kubernetes only", RECHECK);
        }
        return new ReconcileTarget(kind, obj, credential, clients.forCredential(credential), recordedId);
    }

    /** The credential of the resource (annotation, namespace Secret or global), a stop when there is none. */
    AzureCredential credential(ObjectNode obj) throws ReconcileStop {
        try {
            return credentials.resolve(obj.path("metadata").path("namespace").asText(),
                    Objects.JSON.convertValue(obj.path("metadata").path("annotations"), new TypeReference<Map<String, String>>() { }));
        } catch (CredentialException e) {
            // a missing Secret may yet be created; a Secret of another namespace or without its keys needs a fix
            throw e.reason().equals("CredentialNotFound") ? ReconcileStop.warning(e.reason(), e.getMessage())
                    : ReconcileStop.errorFixedOutsideTheSpec(e.reason(), e.getMessage(), RECHECK);
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
                    + ", or delete and recreate the resource under an owner in " + credential.subscriptionId(), RECHECK);
        }
    }
}
