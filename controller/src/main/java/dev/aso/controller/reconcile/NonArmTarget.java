package dev.aso.controller.reconcile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aso.api.meta.KindMeta;
import dev.aso.controller.credentials.AzureCredential;
import dev.aso.controller.observability.EventRecorder;

import java.util.Map;
import java.util.Optional;

/**
 * What one reconcile or delete of a kind that is not an ARM resource acts on, with the generic inputs it may read:
 * the resource (hub version, as JSON), its owner object, other objects' owners, Secret values, the credential, and
 * the few writes it may make beside its own system (an annotation, an exported ConfigMap, an event).
 */
public final class NonArmTarget {

    /** The credential, resolved only when a kind asks for it (database users do not). */
    @FunctionalInterface
    interface Credentials {
        AzureCredential of(ObjectNode obj) throws ReconcileStop;
    }

    private final KindBinding kind;
    private final ObjectNode resource;
    private final ObjectNode owner;
    private final NonArmInputs inputs;

    NonArmTarget(KindBinding kind, ObjectNode resource, ObjectNode owner, NonArmInputs inputs) {
        this.kind = kind;
        this.resource = resource;
        this.owner = owner;
        this.inputs = inputs;
    }

    public KindMeta meta() {
        return kind.meta();
    }

    public ObjectNode resource() {
        return resource;
    }

    public JsonNode spec() {
        return resource.path("spec");
    }

    public String namespace() {
        return resource.path("metadata").path("namespace").asText();
    }

    /** The name in the other system: {@code spec.azureName}, else {@code metadata.name}. */
    public String azureName() {
        return ReconcileTarget.azureName(kind.meta(), resource);
    }

    /**
     * The owner object named by {@code spec.owner.name} (Ready when applying); empty when the kind has none or the
     * owner is given by {@code spec.owner.armId}.
     */
    public Optional<ObjectNode> owner() {
        return Optional.ofNullable(owner);
    }

    /**
     * The owner object of {@code obj} (any generated kind, at its hub version) named by its {@code spec.owner.name},
     * Ready or not; empty when it is given by {@code spec.owner.armId} or does not exist.
     */
    public Optional<ObjectNode> ownerOf(ObjectNode obj) {
        String group = obj.path("apiVersion").asText().split("/")[0];
        return inputs.catalog().kind(group, obj.path("kind").asText())
                .flatMap(objKind -> inputs.owners().ownerObject(obj, objKind));
    }

    /** The value of the Secret key a {@code SecretReference} names, in the resource's namespace; null when missing. */
    public String secretValue(JsonNode ref, String field) {
        try {
            return new KubeInputs(inputs.kube(), inputs.catalog(), namespace(), true).secret(ref, field);
        } catch (dev.aso.conversion.arm.ArmPayloadException missing) {
            return null;
        }
    }

    /** The resource's credential (annotation, namespace Secret or the global one); an event says which is used. */
    public AzureCredential credential() throws ReconcileStop {
        AzureCredential credential = inputs.credentials().of(resource);
        event("CredentialFrom", "Using " + credential.source());
        return credential;
    }

    public String annotation(String key) {
        return Objects.annotation(resource, key);
    }

    /** Sets an annotation the operator keeps for itself (the validating webhook refuses it from anyone else). */
    public void annotate(String key, String value) {
        inputs.metadata().annotate(kind, resource, key, value);
    }

    /**
     * Writes {@code values} into the ConfigMap {@code destination} names ({@code {name, key, labels, annotations}}),
     * owned by the resource; an existing ConfigMap that it does not own is never overwritten.
     */
    public void exportToConfigMap(JsonNode destination, String value) throws ReconcileStop {
        inputs.exporter().exportConfigMap(resource, destination, Map.of(destination.path("key").asText(), value));
    }

    /** A Normal event on the resource. */
    public void event(String reason, String message) {
        inputs.events().normal(resource, reason, message);
    }

    /** The generic machinery a target reads through, shared by all reconciles of the non-ARM kinds. */
    record NonArmInputs(io.fabric8.kubernetes.client.KubernetesClient kube, dev.aso.api.meta.KindCatalog catalog,
                        OwnerResolver owners, MetadataWriter metadata, Exporter exporter, EventRecorder events,
                        Credentials credentials) {
    }
}
