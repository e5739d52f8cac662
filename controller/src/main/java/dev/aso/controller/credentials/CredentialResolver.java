package dev.aso.controller.credentials;

import dev.aso.controller.settings.Sensitive;
import dev.aso.controller.settings.Settings;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * Picks the credential of a resource as ASO does: the Secret named by its {@code serviceoperator.azure.com/credential-from}
 * annotation (same namespace only), else the namespace's {@code aso-credential} Secret, else the global credential of
 * the settings. Secrets are read directly (never cached by an informer).
 */
public final class CredentialResolver {

    public static final String CREDENTIAL_FROM = dev.aso.api.meta.OperatorAnnotations.CREDENTIAL_FROM;
    public static final String NAMESPACE_SECRET = "aso-credential";

    private final KubernetesClient kube;
    private final Settings settings;

    public CredentialResolver(KubernetesClient kube, Settings settings) {
        this.kube = kube;
        this.settings = settings;
    }

    public AzureCredential resolve(String namespace, Map<String, String> annotations) throws CredentialException {
        String from = annotations == null ? null : annotations.get(CREDENTIAL_FROM);
        if (from != null && !from.isBlank()) {
            String name = from.trim();
            int slash = name.indexOf('/');
            if (slash >= 0) {
                String ns = name.substring(0, slash);
                if (!ns.equals(namespace)) {
                    throw new CredentialException("CredentialFromOtherNamespace", "annotation " + CREDENTIAL_FROM + " names Secret "
                            + name + " in namespace " + ns + "; a resource may only use a credential Secret of its own namespace ("
                            + namespace + ")");
                }
                name = name.substring(slash + 1);
            }
            Secret secret = kube.secrets().inNamespace(namespace).withName(name).get();
            if (secret == null) {
                throw new CredentialException("CredentialNotFound", "Secret " + namespace + "/" + name + " named by annotation "
                        + CREDENTIAL_FROM + " does not exist");
            }
            return fromSecret(secret, "Secret " + namespace + "/" + name + " (annotation " + CREDENTIAL_FROM + ")");
        }
        Secret perNamespace = kube.secrets().inNamespace(namespace).withName(NAMESPACE_SECRET).get();
        if (perNamespace != null) {
            return fromSecret(perNamespace, "Secret " + namespace + "/" + NAMESPACE_SECRET);
        }
        if (!settings.hasGlobalCredential()) {
            throw new CredentialException("CredentialNotFound", "no credential: the resource has no " + CREDENTIAL_FROM
                    + " annotation, namespace " + namespace + " has no " + NAMESPACE_SECRET
                    + " Secret, and the operator has no global credential (AZURE_SUBSCRIPTION_ID, AZURE_TENANT_ID, AZURE_CLIENT_ID)");
        }
        return new AzureCredential("global credential (" + settings.podNamespace() + "/aso-controller-settings)",
                settings.subscriptionId(), settings.tenantId(), settings.clientId(), settings.clientSecret(),
                settings.clientCertificate(), settings.clientCertificatePassword());
    }

    private static AzureCredential fromSecret(Secret secret, String source) throws CredentialException {
        Map<String, String> data = decode(secret);
        for (String key : new String[] {"AZURE_SUBSCRIPTION_ID", "AZURE_TENANT_ID", "AZURE_CLIENT_ID"}) {
            if (data.getOrDefault(key, "").isBlank()) {
                throw new CredentialException("InvalidCredential", source + " has no " + key);
            }
        }
        return new AzureCredential(source, data.get("AZURE_SUBSCRIPTION_ID").trim(), data.get("AZURE_TENANT_ID").trim(),
                data.get("AZURE_CLIENT_ID").trim(), Sensitive.ofNullable(data.get("AZURE_CLIENT_SECRET")),
                Sensitive.ofNullable(data.get("AZURE_CLIENT_CERTIFICATE")),
                Sensitive.ofNullable(data.get("AZURE_CLIENT_CERTIFICATE_PASSWORD")));
    }

    private static Map<String, String> decode(Secret secret) {
        Map<String, String> out = new HashMap<>();
        if (secret.getData() != null) {
            secret.getData().forEach((k, v) -> out.put(k, new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8)));
        }
        if (secret.getStringData() != null) {
            out.putAll(secret.getStringData());
        }
        return out;
    }
}
