package dev.aso.e2e.stack;

import dev.aso.armemulator.config.EmulatorConfig;
import dev.aso.testsupport.deployables.ArmEmulatorProcess;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The operator's global credential, {@code aso-controller-settings} in the operator's namespace
 * (ASO's names), pointing at an ARM emulator with its built-in tenant, subscription and client.
 */
public final class OperatorSettings {

  public static final String NAMESPACE = "azureserviceoperator-system";
  public static final String SECRET = "aso-controller-settings";

  private OperatorSettings() {}

  /** The settings' values; AZURE_ADDITIONAL_CA_CERTIFICATES names the emulator's CA file. */
  public static Map<String, String> forEmulator(ArmEmulatorProcess emulator) {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("AZURE_SUBSCRIPTION_ID", EmulatorConfig.DEFAULT_SUBSCRIPTION);
    values.put("AZURE_TENANT_ID", EmulatorConfig.DEFAULT_TENANT);
    values.put("AZURE_CLIENT_ID", EmulatorConfig.DEFAULT_CLIENT);
    values.put("AZURE_CLIENT_SECRET", EmulatorConfig.DEFAULT_SECRET);
    values.put("AZURE_AUTHORITY_HOST", emulator.baseUrl() + "/");
    values.put("AZURE_RESOURCE_MANAGER_ENDPOINT", emulator.baseUrl() + "/");
    values.put("AZURE_ADDITIONAL_CA_CERTIFICATES", emulator.caCertificate().toString());
    return values;
  }

  /** Creates or replaces the Secret (and its namespace). */
  public static Secret apply(KubernetesClient client, Map<String, String> values) {
    client.namespaces()
        .resource(new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build())
        .serverSideApply();
    return client.secrets()
        .resource(new SecretBuilder()
            .withNewMetadata().withName(SECRET).withNamespace(NAMESPACE).endMetadata()
            .withStringData(values)
            .build())
        .serverSideApply();
  }
}
