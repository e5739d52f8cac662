package dev.aso.webhooks.selfcert;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

import java.net.HttpURLConnection;
import java.util.Map;
import java.util.Optional;

/**
 * The Secret that holds the CA and the serving certificate, shared by all replicas. Writes are optimistic: a create
 * that finds the Secret, or an update of a stale version, reports a conflict so the caller re-reads what another
 * replica wrote instead of overwriting it.
 */
final class CertificateStore {

    /** The Secret as read: its data and version. */
    record Stored(Map<String, String> data, String resourceVersion) {
    }

    private final KubernetesClient kube;
    private final String namespace;
    private final String name;
    private final Map<String, String> labels;

    CertificateStore(KubernetesClient kube, String namespace, String name, Map<String, String> labels) {
        this.kube = kube;
        this.namespace = namespace;
        this.name = name;
        this.labels = labels;
    }

    Optional<Stored> read() {
        Secret secret = kube.secrets().inNamespace(namespace).withName(name).get();
        if (secret == null) {
            return Optional.empty();
        }
        return Optional.of(new Stored(secret.getData() == null ? Map.of() : secret.getData(),
                secret.getMetadata().getResourceVersion()));
    }

    /**
     * Creates the Secret ({@code previous} empty) or replaces the version {@code previous} read.
     *
     * @return false when another writer got there first (the caller should read again)
     */
    boolean write(Optional<Stored> previous, Map<String, String> stringData) {
        Secret secret = new SecretBuilder().withNewMetadata().withName(name).withNamespace(namespace)
                .withLabels(labels).withResourceVersion(previous.map(Stored::resourceVersion).orElse(null)).endMetadata()
                .withType("kubernetes.io/tls").withStringData(stringData).build();
        try {
            if (previous.isEmpty()) {
                kube.secrets().inNamespace(namespace).resource(secret).create();
            } else {
                kube.secrets().inNamespace(namespace).resource(secret).update();
            }
            return true;
        } catch (KubernetesClientException e) {
            if (e.getCode() == HttpURLConnection.HTTP_CONFLICT) {
                return false;
            }
            throw e;
        }
    }

    String describe() {
        return "Secret " + namespace + "/" + name;
    }
}
