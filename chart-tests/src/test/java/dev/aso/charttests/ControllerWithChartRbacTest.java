package dev.aso.charttests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aso.armemulator.AdminClient;
import dev.aso.armemulator.config.EmulatorConfig;
import dev.aso.e2e.stack.OperatorSettings;
import dev.aso.e2e.stack.ServingCertificates;
import dev.aso.testsupport.ControlPlane;
import dev.aso.testsupport.ManifestInstaller;
import dev.aso.testsupport.Pki;
import dev.aso.testsupport.RealControlPlane;
import dev.aso.testsupport.deployables.ArmEmulatorProcess;
import dev.aso.testsupport.deployables.ControllerProcess;
import dev.aso.testsupport.deployables.WebhookServerProcess;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The controller and the webhook server run as processes with nothing but the chart's identities: tokens of its
 * ServiceAccounts {@code azureserviceoperator-default} and {@code azureserviceoperator-webhooks}, with the chart's
 * rendered RBAC applied and nothing else, against the ARM emulator (wired as the e2e stack wires it: the settings
 * Secret {@link OperatorSettings} and the emulator's CA). The controller installs the CRDs of crdPattern (creates one,
 * upgrades the other), takes its Lease, and through kubectl a ResourceGroup and a UserAssignedIdentity are created,
 * updated, exported to a ConfigMap and a Secret, and deleted under the Namespace's reconcile-policy, without anything
 * being forbidden. The webhook configurations and the CRDs' conversion point at the local webhook server, as the pod
 * network and cert-manager's CA injector would make them.
 */
@RealControlPlane
class ControllerWithChartRbacTest {

  /** The release namespace; the settings Secret of the e2e stack lives there. */
  static final String NS = OperatorSettings.NAMESPACE;
  static final String PATTERN = "resources.azure.com/*;managedidentity.azure.com/*";
  static final String IDENTITY_CRD = "userassignedidentities.managedidentity.azure.com";
  static final Map<String, String> CRD_FILES = Map.of(
      AsoObjects.RESOURCE_GROUPS, "resources.azure.com_resourcegroups.yaml",
      IDENTITY_CRD, "managedidentity.azure.com_userassignedidentities.yaml");
  static final String RG = "resourcegroups.resources.azure.com/";
  static final String IDENTITY = "userassignedidentities.managedidentity.azure.com/";
  static final String LEASE = "controllers-leader-election-azinfra-generated";
  static final String POLICY = "serviceoperator.azure.com/reconcile-policy";
  static final String OPERATOR = "system:serviceaccount:" + NS + ":azureserviceoperator-default";
  static final Duration TIMEOUT = Duration.ofSeconds(100); // under kubectl's two minutes in ControlPlane

  static Path dir;
  static ArmEmulatorProcess arm;
  static AdminClient armAdmin;
  static ServingCertificates certificates;
  static WebhookServerProcess webhooks;
  static List<HasMetadata> configurations = List.of();

  /** target/process-logs: kept after the run, for a failure's diagnosis. */
  static Path logs() {
    try {
      return Files.createDirectories(Path.of("target/process-logs")).toAbsolutePath();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Rendered render(String... set) {
    List<String> args = new ArrayList<>(List.of("--set", "crdPattern=" + PATTERN, "--set",
        "createAzureOperatorSecret=false"));
    for (String s : set) {
      args.add("--set");
      args.add(s);
    }
    return Rendered.of(Helm.template(NS, args.toArray(String[]::new)));
  }

  /** The emulator, the settings Secret, the chart's ServiceAccounts, and the webhook server with the webhooks one. */
  @BeforeAll
  static void start(ControlPlane cp) throws IOException {
    dir = Files.createTempDirectory(logs(), "chart-identities-");
    arm = ArmEmulatorProcess.start(Repo.root().resolve("azure-types"), dir.resolve("arm-emulator"));
    armAdmin = new AdminClient(arm.baseUrl().toString(),
        Pki.sslContext(Pki.readCertificate(arm.caCertificate()), null), null);
    OperatorSettings.apply(cp.client(), OperatorSettings.forEmulator(arm));
    Rendered chart = render();
    AsoObjects.load(cp.client(), chart.yamlOf("ServiceAccount")).forEach(o -> cp.client().resource(o).serverSideApply());
    certificates = ServingCertificates.create(dir.resolve("webhook-certs"));
    Path kubeconfig = ServiceAccounts.kubeconfig(cp, NS, "azureserviceoperator-webhooks", dir);
    webhooks = WebhookServerProcess.start(certificates.dir(), dir.resolve("webhooks.log"), 0,
        Map.of("POD_NAMESPACE", NS, "KUBECONFIG", kubeconfig.toString()));
    configurations = AsoObjects.webhookConfigurations(cp.client(), chart);
    toLocalServer(cp).installObjects(configurations);
  }

  @AfterAll
  static void stop(ControlPlane cp) {
    configurations.forEach(c -> cp.client().resource(c).delete());
    // every CRD of crdPattern the controller installed, so that later test classes start without them
    cp.kubectl("delete", "crd", "-l", "app.kubernetes.io/name=azure-service-operator", "--timeout=60s");
    if (webhooks != null) {
      webhooks.close();
    }
    if (arm != null) {
      arm.close();
    }
  }

  static ManifestInstaller toLocalServer(ControlPlane cp) {
    return cp.installer().webhookServer(webhooks.httpsPort(), certificates.caPem());
  }

  /**
   * Points a CRD's conversion webhook at the local server with its CA, as the pod network and cert-manager's CA
   * injector make the Service reference work in a cluster; installs the CRD as shipped when it is absent.
   */
  static void convertThroughLocalServer(ControlPlane cp, String crd) {
    CustomResourceDefinition live = cp.client().apiextensions().v1().customResourceDefinitions().withName(crd).get();
    if (live == null) {
      toLocalServer(cp).installObjects(List.of(AsoObjects.crd(cp.client(), CRD_FILES.get(crd))));
    } else if (ManifestInstaller.rewrite(live, "https://127.0.0.1:" + webhooks.httpsPort(),
        Base64.getEncoder().encodeToString(certificates.caPem().getBytes(StandardCharsets.US_ASCII)))) {
      cp.client().resource(live).update(); // a replace: server-side apply would keep the controller's service
    }
  }

  static String newNamespace(ControlPlane cp, String prefix) {
    String ns = prefix + "-" + Long.toString(System.nanoTime() % 1_000_000, 36);
    cp.kubectl("create", "namespace", ns).assertSuccess();
    return ns;
  }

  /**
   * The controller process with the chart's ServiceAccount and arguments, the RBAC of {@code chart}, and the
   * namespace of the test's resources.
   */
  record Controller(ControlPlane cp, ControllerProcess process, List<HasMetadata> rbac, String namespace)
      implements AutoCloseable {

    /**
     * Applies the rendered RBAC, leaves the ResourceGroup CRD installed (pointing at the local server, so that the
     * controller upgrades it) and the identity CRD absent (so that it creates it), starts the controller, and
     * points both CRDs' conversion at the local server again.
     */
    static Controller start(ControlPlane cp, Rendered chart, Map<String, String> env, String namespace) {
      List<HasMetadata> rbac = AsoObjects.load(cp.client(), chart.yamlOf("Role", "RoleBinding", "ClusterRole",
          "ClusterRoleBinding"));
      rbac.forEach(o -> cp.client().resource(o).serverSideApply());
      cp.client().apiextensions().v1().customResourceDefinitions().withName(IDENTITY_CRD).delete();
      AsoObjects.eventually("CRD " + IDENTITY_CRD + " deleted", TIMEOUT,
          () -> cp.client().apiextensions().v1().customResourceDefinitions().withName(IDENTITY_CRD).get() == null);
      convertThroughLocalServer(cp, AsoObjects.RESOURCE_GROUPS);

      List<String> args = new ArrayList<>();
      JsonNode chartArgs = chart.get("Deployment", "azureserviceoperator-controller-manager")
          .at("/spec/template/spec/containers/0/args");
      // the chart's addresses listen on every interface of a pod; ControllerProcess sets loopback ones
      chartArgs.forEach(a -> {
        if (!a.asText().startsWith("--metrics-addr=") && !a.asText().startsWith("--health-addr=")) {
          args.add(a.asText());
        }
      });
      assertThat(args).containsExactly("--crd-pattern=" + PATTERN);
      Map<String, String> environment = new HashMap<>(env);
      environment.put("POD_NAMESPACE", NS);
      environment.put("HOSTNAME", "controller-rbac-test");
      Path kubeconfig = ServiceAccounts.kubeconfig(cp, NS, "azureserviceoperator-default", dir);
      ControllerProcess process = ControllerProcess.start(kubeconfig, environment, args,
          dir.resolve("controller-" + System.nanoTime() + ".log"));
      Controller controller = new Controller(cp, process, rbac, namespace);
      try {
        for (String crd : CRD_FILES.keySet()) {
          var installed = cp.client().apiextensions().v1().customResourceDefinitions().withName(crd).get();
          assertThat(installed.getSpec().getConversion().getWebhook().getClientConfig().getService())
              .as("CRD %s installed or upgraded by the controller", crd).isNotNull();
          assertThat(installed.getMetadata().getAnnotations().get("serviceoperator.azure.com/crd-checked"))
              .as("the check recorded at the CRD's generation, so that the next start skips it")
              .endsWith(";generation=" + installed.getMetadata().getGeneration());
          convertThroughLocalServer(cp, crd);
        }
      } catch (RuntimeException | AssertionError e) {
        controller.close();
        throw e;
      }
      return controller;
    }

    void apply(String... manifests) {
      cp.kubectlWithInput(String.join("---\n", manifests), "apply", "-n", namespace, "-f", "-").assertSuccess();
    }

    void awaitReady(String... resources) {
      for (String resource : resources) {
        ControlPlane.KubectlResult waited = cp.kubectl("wait", "--for=condition=Ready",
            "--timeout=" + TIMEOUT.toSeconds() + "s", "-n", namespace, resource);
        if (!waited.succeeded()) {
          throw new AssertionError(resource + " not Ready: " + cp.kubectl("get", "-n", namespace, resource, "-o",
              "jsonpath={.status.conditions}").stdout() + "\n" + waited.stderr() + "\ncontroller log "
              + process.logFile() + ":\n" + tail(process.log()));
        }
      }
    }

    /** {@code kubectl delete}, which returns once the controller has released the finalizer. */
    void delete(String resource) {
      ControlPlane.KubectlResult deleted = cp.kubectl("delete", "-n", namespace, resource,
          "--timeout=" + TIMEOUT.toSeconds() + "s");
      if (!deleted.succeeded()) {
        throw new AssertionError(resource + " not deleted: " + deleted.stderr() + "\n" + cp.kubectl("get", "-n",
            namespace, resource, "-o", "yaml").stdout() + "\ncontroller log:\n" + tail(process.log()));
      }
    }

    void assertNothingForbidden() {
      assertThat(process.log().toLowerCase(Locale.ROOT)).as("controller log %s", process.logFile())
          .doesNotContain("forbidden").doesNotContain("cannot read secret");
      assertThat(webhooks.log().toLowerCase(Locale.ROOT)).as("webhook server log %s", webhooks.logFile())
          .doesNotContain("forbidden");
    }

    /** Stops the controller; objects a failure left behind lose their finalizers, so that the namespace goes. */
    @Override
    public void close() {
      process.close();
      for (String type : List.of(IDENTITY, RG)) {
        cp.kubectl("get", type.substring(0, type.length() - 1), "-n", namespace, "-o", "name").stdout().lines()
            .forEach(o -> cp.kubectl("patch", o, "-n", namespace, "--type=merge", "-p",
                "{\"metadata\":{\"finalizers\":null}}"));
      }
      cp.kubectl("delete", "namespace", namespace, "--wait=false");
      rbac.forEach(o -> cp.client().resource(o).delete());
    }
  }

  static String tail(String log) {
    List<String> lines = log.lines().toList();
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
  }

  static String resourceGroup(String azureName) {
    return """
        apiVersion: resources.azure.com/v1api20200601
        kind: ResourceGroup
        metadata: {name: rg}
        spec: {azureName: %s, location: westcentralus}
        """.formatted(azureName);
  }

  /** An identity exporting its principalId to a ConfigMap and its clientId to a Secret (and tenantId to both). */
  static String identity(String step, boolean tenantId) {
    String tenantToMap = tenantId ? "\n      tenantId: {name: identity-ids, key: tenantId}" : "";
    String tenantToSecret = tenantId ? "\n      tenantId: {name: identity-secret, key: tenantId}" : "";
    return """
        apiVersion: managedidentity.azure.com/v1api20230131
        kind: UserAssignedIdentity
        metadata: {name: identity}
        spec:
          location: westcentralus
          owner: {name: rg}
          tags: {step: %s}
          operatorSpec:
            configMaps:
              principalId: {name: identity-ids, key: principalId}%s
            secrets:
              clientId: {name: identity-secret, key: clientId}%s
        """.formatted(step, tenantToMap, tenantToSecret);
  }

  static String resourceGroupId(String azureName) {
    return "/subscriptions/" + EmulatorConfig.DEFAULT_SUBSCRIPTION + "/resourceGroups/" + azureName;
  }

  static String identityId(String rgAzureName) {
    return resourceGroupId(rgAzureName) + "/providers/Microsoft.ManagedIdentity/userAssignedIdentities/identity";
  }

  /** The body the emulator holds for {@code id}, or null. */
  static JsonNode inAzure(String id) {
    for (JsonNode r : armAdmin.state().path("resources")) {
      if (r.path("id").asText().equalsIgnoreCase(id)) {
        return r.path("body");
      }
    }
    return null;
  }

  static Map<String, String> secretData(Secret secret) {
    Map<String, String> out = new TreeMap<>();
    secret.getData().forEach((k, v) -> out.put(k, new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8)));
    return out;
  }

  /**
   * The identity's exports as the emulator holds its ids: principalId in the ConfigMap, clientId in the Secret, and
   * tenantId in both when asked for.
   */
  static void assertExported(ControlPlane cp, String ns, String rgAzureName, boolean tenantId) {
    JsonNode identity = inAzure(identityId(rgAzureName));
    assertThat(identity).as("the identity in Azure").isNotNull();
    Map<String, String> map = new TreeMap<>(Map.of("principalId", identity.at("/properties/principalId").asText()));
    Map<String, String> secret = new TreeMap<>(Map.of("clientId", identity.at("/properties/clientId").asText()));
    if (tenantId) {
      map.put("tenantId", identity.at("/properties/tenantId").asText());
      secret.put("tenantId", identity.at("/properties/tenantId").asText());
    }
    assertThat(map.get("principalId")).isNotBlank();
    try {
      AsoObjects.eventually("ConfigMap identity-ids " + map + " and Secret identity-secret with " + secret.keySet(),
          TIMEOUT, () -> map.equals(exported(cp, ns).getKey()) && secret.equals(exported(cp, ns).getValue()));
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + "; exported: " + exported(cp, ns), e);
    }
  }

  /** The data of the ConfigMap and the Secret (decoded) the identity exports to; empty maps while they are missing. */
  static Map.Entry<Map<String, String>, Map<String, String>> exported(ControlPlane cp, String ns) {
    ConfigMap map = cp.client().configMaps().inNamespace(ns).withName("identity-ids").get();
    Secret secret = cp.client().secrets().inNamespace(ns).withName("identity-secret").get();
    return Map.entry(map == null ? Map.of() : map.getData(), secret == null ? Map.of() : secretData(secret));
  }

  @Test
  void reconcilesExportsAndDeletesUnderEachPolicyWithTheChartsIdentities(ControlPlane cp) {
    String ns = newNamespace(cp, "aso-chart-rbac");
    String rgName = ns + "-rg";
    try (Controller controller = Controller.start(cp, render(), Map.of(), ns)) {
      AsoObjects.eventually("the controller holding its Lease", Duration.ofSeconds(30), () -> {
        Lease lease = cp.client().leases().inNamespace(NS).withName(LEASE).get();
        return lease != null && lease.getSpec().getHolderIdentity() != null
            && lease.getSpec().getHolderIdentity().startsWith("controller-rbac-test");
      });

      controller.apply(resourceGroup(rgName), identity("created", false));
      controller.awaitReady(RG + "rg", IDENTITY + "identity");
      assertExported(cp, ns, rgName, false);

      // a spec change reaches Azure, and a changed export rewrites the ConfigMap and the Secret
      controller.apply(identity("updated", true));
      AsoObjects.eventually("the updated tag in Azure", TIMEOUT, () -> {
        JsonNode inAzure = inAzure(identityId(rgName));
        return inAzure != null && "updated".equals(inAzure.at("/tags/step").asText());
      });
      assertExported(cp, ns, rgName, true);

      // detach-on-delete from the Namespace (the controller reads it afresh before a delete): the identity leaves
      // Kubernetes, stays in Azure
      cp.kubectl("annotate", "namespace", ns, POLICY + "=detach-on-delete").assertSuccess();
      controller.delete(IDENTITY + "identity");
      assertThat(inAzure(identityId(rgName))).as("the detached identity in Azure").isNotNull();

      // without the policy (manage): the resource group is deleted in Azure before its finalizer is released
      cp.kubectl("annotate", "namespace", ns, POLICY + "-").assertSuccess();
      controller.delete(RG + "rg");
      assertThat(inAzure(resourceGroupId(rgName))).as("the deleted resource group in Azure").isNull();
      controller.assertNothingForbidden();
    }
  }

  @Test
  void withTargetNamespacesTheRolesInThemAreEnough(ControlPlane cp) {
    String ns = newNamespace(cp, "aso-chart-target");
    String rgName = ns + "-rg";
    try (Controller controller = Controller.start(cp, render("azureTargetNamespaces={" + ns + "}"),
        Map.of("AZURE_TARGET_NAMESPACES", ns), ns)) {
      assertThat(canI(cp, "get", "secrets", "-n", ns)).isTrue();
      assertThat(canI(cp, "get", "secrets", "-n", "default")).as("Secrets outside the target namespace").isFalse();
      assertThat(canI(cp, "get", "namespace/" + ns)).isTrue();
      assertThat(canI(cp, "get", "namespace/default")).as("a Namespace that is not a target").isFalse();

      controller.apply(resourceGroup(rgName), identity("created", false));
      controller.awaitReady(RG + "rg", IDENTITY + "identity");
      assertExported(cp, ns, rgName, false);
      controller.delete(IDENTITY + "identity");
      controller.delete(RG + "rg");
      assertThat(inAzure(identityId(rgName))).isNull();
      assertThat(inAzure(resourceGroupId(rgName))).isNull();
      controller.assertNothingForbidden();
    }
  }

  /** {@code kubectl auth can-i} as the controller's ServiceAccount. */
  static boolean canI(ControlPlane cp, String... args) {
    List<String> command = new ArrayList<>(List.of("auth", "can-i"));
    command.addAll(List.of(args));
    command.add("--as=" + OPERATOR);
    return cp.kubectl(command.toArray(String[]::new)).stdout().strip().equals("yes");
  }
}
