package dev.aso.conversion.arm;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Resolves what a spec refers to when its ARM body is built: resource references to ARM ids, Secret and
 * ConfigMap keys to their values. The controller implements it against the Kubernetes API.
 */
public interface ArmInputs {

    /** The ARM id a ResourceReference ({@code armId}, or {@code group}/{@code kind}/{@code name}) stands for. */
    String armId(JsonNode resourceReference, String fieldPath) throws ArmPayloadException;

    /**
     * What ARM takes for a reference's {@code wellKnownName} (ASO's WellKnownResourceReference): by default the name
     * itself, as Azure accepts it in place of an id (a container app's identity {@code system}); the controller lets a
     * kind resolve it (a built-in role's name to its role definition id).
     */
    default String wellKnownName(String name, String fieldPath) throws ArmPayloadException {
        return name;
    }

    /** The value of a SecretReference ({@code name}, {@code key}). */
    String secret(JsonNode secretReference, String fieldPath) throws ArmPayloadException;

    /** All keys and values of the Secret a SecretMapReference ({@code name}) names, as an object of strings. */
    com.fasterxml.jackson.databind.node.ObjectNode secretMap(JsonNode secretMapReference, String fieldPath)
            throws ArmPayloadException;

    /** The value of a ConfigMapReference ({@code name}, {@code key}). */
    String configMapValue(JsonNode configMapReference, String fieldPath) throws ArmPayloadException;
}
