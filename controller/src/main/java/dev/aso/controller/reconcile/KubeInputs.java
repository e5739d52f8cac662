package dev.aso.controller.reconcile;

import dev.aso.api.meta.OperatorAnnotations;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aso.api.meta.KindCatalog;
import dev.aso.api.meta.KindMeta;
import dev.aso.controller.arm.ArmException;
import dev.aso.controller.observability.Redactor;
import dev.aso.conversion.arm.ArmInputs;
import dev.aso.conversion.arm.ArmPayloadException;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Resolves a spec's references in the object's namespace: resource references to the ARM id annotation of the
 * referenced object, Secret and ConfigMap keys to their values (read directly, never cached; secret values are
 * registered with the log redactor).
 */
final class KubeInputs implements ArmInputs {

    /** Stands for a secret value in bodies built only to compare with Azure (Azure never returns secrets). */
    static final String SECRET_PLACEHOLDER = "\u0000aso-secret\u0000";

    private final KubernetesClient kube;
    private final KindCatalog catalog;
    private final String namespace;
    private final boolean readSecrets;
    private final WellKnownNames wellKnownNames;

    /** What a reference's {@code wellKnownName} stands for in the ARM body (the kind's resolver, or the name itself). */
    @FunctionalInterface
    interface WellKnownNames {
        String resolve(String name, String fieldPath) throws ReconcileStop, ArmException;

        WellKnownNames AS_THEY_ARE = (name, fieldPath) -> name;
    }

    KubeInputs(KubernetesClient kube, KindCatalog catalog, String namespace, boolean readSecrets) {
        this(kube, catalog, namespace, readSecrets, WellKnownNames.AS_THEY_ARE);
    }

    KubeInputs(KubernetesClient kube, KindCatalog catalog, String namespace, boolean readSecrets,
               WellKnownNames wellKnownNames) {
        this.kube = kube;
        this.catalog = catalog;
        this.namespace = namespace;
        this.readSecrets = readSecrets;
        this.wellKnownNames = wellKnownNames;
    }

    @Override
    public String wellKnownName(String name, String fieldPath) throws ArmPayloadException {
        try {
            return wellKnownNames.resolve(name, fieldPath);
        } catch (ReconcileStop stop) {
            throw new InputStopped(stop);
        } catch (ArmException e) {
            throw new InputStopped(ArmErrors.classify(e));
        }
    }

    @Override
    public String armId(JsonNode ref, String fieldPath) throws ArmPayloadException {
        String armId = ref.path("armId").asText("");
        if (!armId.isEmpty()) {
            return armId;
        }
        String group = ref.path("group").asText("");
        String kind = ref.path("kind").asText("");
        String name = ref.path("name").asText("");
        if (group.isEmpty() || kind.isEmpty() || name.isEmpty()) {
            throw new InputMissing("InvalidReference", fieldPath + ": set armId, or group, kind and name");
        }
        KindMeta meta = catalog.kind(group, kind).orElseThrow(() -> new InputMissing("InvalidReference", fieldPath + ": unknown kind "
                + kind + " in group " + group));
        ObjectNode target = Objects.get(kube, meta, namespace, name).orElseThrow(() -> new InputMissing("ReferenceNotFound", fieldPath
                + ": " + kind + " " + namespace + "/" + name + " does not exist"));
        String id = Objects.annotation(target, OperatorAnnotations.RESOURCE_ID);
        if (id == null || !Objects.isReady(target)) {
            throw new InputMissing("ReferenceNotFound", fieldPath + ": " + kind + " " + namespace + "/" + name + " is not Ready yet");
        }
        return id;
    }

    @Override
    public String secret(JsonNode ref, String fieldPath) throws ArmPayloadException {
        if (!readSecrets) {
            return SECRET_PLACEHOLDER;
        }
        String key = ref.path("key").asText("");
        String value = secretData(ref, fieldPath).get(key);
        if (value == null) {
            throw new InputMissing("SecretNotFound", fieldPath + ": Secret " + namespace + "/" + ref.path("name").asText("")
                    + " has no key '" + key + "'");
        }
        return value;
    }

    @Override
    public ObjectNode secretMap(JsonNode ref, String fieldPath) throws ArmPayloadException {
        if (!readSecrets) {
            return DriftCheck.secretMapPlaceholder();
        }
        ObjectNode map = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        secretData(ref, fieldPath).forEach(map::put);
        return map;
    }

    /** The decoded keys and values of the Secret the reference names, each value registered with the redactor. */
    private java.util.Map<String, String> secretData(JsonNode ref, String fieldPath) throws InputMissing {
        String name = ref.path("name").asText("");
        Secret secret = name.isEmpty() ? null : kube.secrets().inNamespace(namespace).withName(name).get();
        if (secret == null) {
            throw new InputMissing("SecretNotFound", fieldPath + ": Secret " + namespace + "/" + name + " does not exist");
        }
        java.util.Map<String, String> values = new java.util.TreeMap<>();
        if (secret.getStringData() != null) {
            values.putAll(secret.getStringData());
        }
        if (secret.getData() != null) {
            secret.getData().forEach((k, v) -> values.put(k, new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8)));
        }
        values.values().forEach(Redactor::register);
        return values;
    }

    @Override
    public String configMapValue(JsonNode ref, String fieldPath) throws ArmPayloadException {
        String name = ref.path("name").asText("");
        String key = ref.path("key").asText("");
        ConfigMap map = name.isEmpty() ? null : kube.configMaps().inNamespace(namespace).withName(name).get();
        if (map == null) {
            throw new InputMissing("ConfigMapNotFound", fieldPath + ": ConfigMap " + namespace + "/" + name + " does not exist");
        }
        String value = map.getData() == null ? null : map.getData().get(key);
        if (value == null) {
            throw new InputMissing("ConfigMapNotFound", fieldPath + ": ConfigMap " + namespace + "/" + name + " has no key '" + key + "'");
        }
        return value;
    }
}
