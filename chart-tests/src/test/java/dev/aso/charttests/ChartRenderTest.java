package dev.aso.charttests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code helm lint} and {@code helm template} of the chart, and what the rendered objects must be. */
class ChartRenderTest {

  static final String NS = "aso-test";
  static final Path DOCS = Repo.root().resolve("docs/installation.md");

  static Rendered render(String... args) {
    return Rendered.of(Helm.template(NS, args));
  }

  static int generatedConfigurations(String kind) {
    try {
      String yaml = Files.readString(Repo.root().resolve("api/src/generated/resources/webhooks/manifests.yaml"));
      return (int) yaml.lines().filter(l -> l.equals("kind: " + kind)).count();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void lintPassesStrictlyWithDefaultsAndTheSelfManagedMode() {
    Repo.Result r = Helm.run("lint", "--strict", Repo.chart().toString()).assertSuccess();
    assertThat(r.stdout()).contains("1 chart(s) linted, 0 chart(s) failed");
    Helm.run("lint", "--strict", Repo.chart().toString(), "--set", "certManager.enabled=false").assertSuccess();
  }

  @Test
  void lintAndTemplatePassForEveryExampleOfTheInstallationDocs(@TempDir Path dir) throws Exception {
    List<String> valuesFiles = DocExamples.valuesFiles(DOCS);
    List<List<String>> commands = DocExamples.helmInstallArgs(DOCS);
    assertThat(valuesFiles).as("values.yaml examples in %s", DOCS).isNotEmpty();
    assertThat(commands).as("helm upgrade --install commands in %s", DOCS).isNotEmpty();
    for (int i = 0; i < valuesFiles.size(); i++) {
      Path file = dir.resolve("values-" + i + ".yaml");
      Files.writeString(file, valuesFiles.get(i));
      Helm.run("lint", "--strict", Repo.chart().toString(), "-f", file.toString()).assertSuccess();
      assertThat(render("-f", file.toString()).objects()).isNotEmpty();
    }
    for (List<String> args : commands) {
      List<String> template = new ArrayList<>(List.of("template", "aso", Repo.chart().toString()));
      template.addAll(args.stream().filter(a -> !a.equals("--create-namespace") && !a.equals("--wait")).toList());
      assertThat(Helm.run(template.toArray(String[]::new)).assertSuccess().stdout())
          .as("helm template %s", args).contains("kind: Deployment");
    }
  }

  @Test
  void defaultsRenderBothDeploymentsTheServiceThePdbAndCertManagerObjects() {
    Rendered r = render();
    JsonNode webhooks = r.get("Deployment", "azureserviceoperator-webhooks");
    assertThat(webhooks.at("/spec/replicas").asInt()).isEqualTo(2);
    JsonNode pod = webhooks.at("/spec/template/spec");
    assertThat(pod.at("/automountServiceAccountToken").asBoolean()).isFalse();
    JsonNode container = pod.at("/containers/0");
    assertThat(container.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/readyz");
    assertThat(container.at("/ports/0/containerPort").asInt()).isEqualTo(9443);
    JsonNode certMount = Rendered.stream(container.at("/volumeMounts"))
        .filter(m -> m.path("name").asText().equals("cert")).findFirst().orElseThrow();
    assertThat(certMount.path("readOnly").asBoolean()).isTrue();
    assertThat(env(container, "JAVA_TOOL_OPTIONS")).contains("-XX:+ExitOnOutOfMemoryError");
    assertThat(env(container, "ASO_WEBHOOK_OPERATOR_IDENTITIES"))
        .isEqualTo("system:serviceaccount:" + NS + ":azureserviceoperator-default");
    assertThat(env(render("--set", "webhooks.operatorIdentities={system:serviceaccount:t1:azureserviceoperator-default}")
        .get("Deployment", "azureserviceoperator-webhooks").at("/spec/template/spec/containers/0"),
        "ASO_WEBHOOK_OPERATOR_IDENTITIES")).isEqualTo("system:serviceaccount:" + NS
        + ":azureserviceoperator-default,system:serviceaccount:t1:azureserviceoperator-default");
    assertThat(Rendered.stream(pod.at("/volumes")).filter(v -> v.path("name").asText().equals("cert"))
        .findFirst().orElseThrow().at("/secret/secretName").asText()).isEqualTo("webhook-server-cert");

    JsonNode service = r.get("Service", "azureserviceoperator-webhook-service");
    assertThat(service.at("/spec/ports/0/port").asInt()).isEqualTo(443);
    assertThat(service.at("/spec/ports/0/targetPort").asText()).isEqualTo("webhook-server");
    assertThat(r.get("PodDisruptionBudget", "azureserviceoperator-webhooks").at("/spec/minAvailable").asInt())
        .isEqualTo(1);
    assertThat(render("--set", "webhooks.replicas=1").has("PodDisruptionBudget", "azureserviceoperator-webhooks"))
        .as("no PodDisruptionBudget that would block drains with one replica").isFalse();

    JsonNode controller = r.get("Deployment", "azureserviceoperator-controller-manager");
    assertThat(controller.at("/spec/template/spec/containers/0/args").toString())
        .contains("--crd-pattern=", "--metrics-addr=:8080", "--health-addr=:8081");
    assertThat(r.get("Certificate", "azureserviceoperator-serving-cert").at("/spec/dnsNames").toString())
        .contains("azureserviceoperator-webhook-service." + NS + ".svc");
    assertThat(r.get("Issuer", "azureserviceoperator-selfsigned-issuer").at("/metadata/namespace").asText())
        .isEqualTo(NS);
  }

  static String env(JsonNode container, String name) {
    return Rendered.stream(container.path("env")).filter(e -> e.path("name").asText().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("no env " + name + " in " + container.path("env"))).path("value").asText();
  }

  @Test
  void everyNamespacedObjectIsInTheReleaseNamespace() {
    Set<String> clusterScoped = Set.of("ClusterRole", "ClusterRoleBinding", "MutatingWebhookConfiguration",
        "ValidatingWebhookConfiguration");
    for (JsonNode o : render("--set", "networkPolicies.enable=true").objects()) {
      if (!clusterScoped.contains(o.path("kind").asText())) {
        assertThat(o.at("/metadata/namespace").asText()).as(Rendered.id(o)).isEqualTo(NS);
      }
    }
  }

  @Test
  void webhookConfigurationsPerGroupPointAtTheReleaseServiceWithCaInjection() {
    Rendered r = render();
    assertThat(r.ofKind("MutatingWebhookConfiguration").count())
        .isEqualTo(generatedConfigurations("MutatingWebhookConfiguration")).isGreaterThan(1);
    assertThat(r.ofKind("ValidatingWebhookConfiguration").count())
        .isEqualTo(generatedConfigurations("ValidatingWebhookConfiguration"));
    for (String kind : List.of("MutatingWebhookConfiguration", "ValidatingWebhookConfiguration")) {
      r.ofKind(kind).forEach(c -> {
        assertThat(c.at("/metadata/annotations/cert-manager.io~1inject-ca-from").asText())
            .isEqualTo(NS + "/azureserviceoperator-serving-cert");
        assertThat(c.at("/metadata/labels/app.kubernetes.io~1name").asText()).isEqualTo("azure-service-operator");
        c.path("webhooks").forEach(w -> {
          assertThat(w.at("/clientConfig/service/namespace").asText()).isEqualTo(NS);
          assertThat(w.at("/clientConfig/service/name").asText()).isEqualTo("azureserviceoperator-webhook-service");
          assertThat(w.at("/clientConfig/service/port").asInt()).isEqualTo(443);
          assertThat(w.path("failurePolicy").asText()).isEqualTo("Fail");
          assertThat(w.path("sideEffects").asText()).isEqualTo("None");
          assertThat(w.path("matchPolicy").asText()).isEqualTo("Exact");
          assertThat(w.path("admissionReviewVersions").toString()).isEqualTo("[\"v1\"]");
          assertThat(w.path("timeoutSeconds").asInt()).isBetween(1, 30);
        });
      });
    }
  }

  @Test
  void containersRunAsNonRootOnAReadOnlyRootFilesystemWithoutCapabilities() {
    Rendered r = render("--set", "certManager.enabled=false");
    r.ofKind("Deployment").forEach(d -> {
      JsonNode pod = d.at("/spec/template/spec");
      assertThat(pod.at("/securityContext/runAsNonRoot").asBoolean()).as(Rendered.id(d)).isTrue();
      assertThat(pod.at("/securityContext/seccompProfile/type").asText()).isEqualTo("RuntimeDefault");
    });
    assertThat(r.containers().count()).isEqualTo(2);
    r.containers().forEach(c -> {
      assertThat(c.at("/securityContext/readOnlyRootFilesystem").asBoolean()).as(c.path("name").asText()).isTrue();
      assertThat(c.at("/securityContext/allowPrivilegeEscalation").asBoolean()).isFalse();
      assertThat(c.at("/securityContext/capabilities/drop").toString()).isEqualTo("[\"ALL\"]");
      assertThat(c.at("/resources/limits/memory").asText()).isNotEmpty();
    });
  }

  @Test
  void rbacIsLeastPrivilege() {
    Rendered r = render("--set", "certManager.enabled=false");
    List<JsonNode> rules = new ArrayList<>();
    r.ofKind("ClusterRole").forEach(role -> role.path("rules").forEach(rules::add));
    r.ofKind("Role").forEach(role -> role.path("rules").forEach(rules::add));
    for (JsonNode rule : rules) {
      String text = rule.toString();
      assertThat(text).as("no wildcard: %s", text).doesNotContain("\"*\"");
      Set<String> resources = values(rule.path("resources"));
      Set<String> verbs = values(rule.path("verbs"));
      if (resources.contains("customresourcedefinitions") || resources.contains("secrets")
          || resources.contains("configmaps")) {
        assertThat(verbs).as("never delete: %s", text).doesNotContain("delete", "deletecollection");
      }
      if (resources.contains("mutatingwebhookconfigurations") && verbs.contains("patch")) {
        assertThat(values(rule.path("resourceNames"))).as("patch only the operator's configurations")
            .containsExactlyInAnyOrderElementsOf(allConfigurationNames(r));
      }
    }
    JsonNode crdRole = r.get("ClusterRole", "azureserviceoperator-crd-manager-role");
    assertThat(values(crdRole.at("/rules/0/verbs"))).containsExactlyInAnyOrder("get", "list", "watch", "create",
        "update", "patch");
    JsonNode manager = r.get("ClusterRole", "azureserviceoperator-manager-role");
    assertThat(manager.toString()).contains("resourcegroups/status", "resourcegroups/finalizers");
    JsonNode lease = r.get("Role", "azureserviceoperator-leader-election-role");
    assertThat(lease.at("/rules/0/resources/0").asText()).isEqualTo("leases");
    assertThat(lease.at("/rules/1/resourceNames").toString())
        .isEqualTo("[\"controllers-leader-election-azinfra-generated\"]");
  }

  static List<String> allConfigurationNames(Rendered r) {
    List<String> names = new ArrayList<>();
    r.ofKind("MutatingWebhookConfiguration").forEach(c -> names.add(c.at("/metadata/name").asText()));
    r.ofKind("ValidatingWebhookConfiguration").forEach(c -> names.add(c.at("/metadata/name").asText()));
    return names;
  }

  @Test
  void credentialsGoOnlyIntoTheSettingsSecret() {
    Rendered r = render("--set", "azureClientSecret=s3cr3t-value", "--set",
        "azureSubscriptionID=00000000-0000-0000-0000-000000000001", "--set",
        "azureTargetNamespaces={ns1,ns2}", "--set", "crdPattern=resources.azure.com/*;cache.azure.com/*");
    JsonNode secret = r.get("Secret", "aso-controller-settings");
    assertThat(secret.at("/stringData/AZURE_CLIENT_SECRET").asText()).isEqualTo("s3cr3t-value");
    assertThat(secret.at("/stringData/AZURE_TARGET_NAMESPACES").asText()).isEqualTo("ns1,ns2");
    assertThat(secret.at("/stringData/AZURE_OPERATOR_MODE").asText()).isEqualTo("watchers-and-webhooks");
    r.ofKind("Deployment").forEach(d -> assertThat(d.toString()).doesNotContain("s3cr3t-value"));
    JsonNode controller = r.get("Deployment", "azureserviceoperator-controller-manager");
    assertThat(controller.at("/spec/template/spec/containers/0/args/0").asText())
        .isEqualTo("--crd-pattern=resources.azure.com/*;cache.azure.com/*");
    assertThat(controller.at("/spec/template/spec/containers/0/env").toString())
        .contains("\"name\":\"AZURE_CLIENT_SECRET\",\"valueFrom\":{\"secretKeyRef\":{\"name\":\"aso-controller-settings\"");
    assertThat(render("--set", "createAzureOperatorSecret=false").has("Secret", "aso-controller-settings")).isFalse();
  }

  @Test
  void selfManagedCertificatesReplaceCertManager() {
    Rendered r = render("--set", "certManager.enabled=false");
    assertThat(r.ofKind("Certificate").count()).isZero();
    assertThat(r.ofKind("Issuer").count()).isZero();
    assertThat(r.yaml()).doesNotContain("cert-manager.io/inject-ca-from");
    JsonNode pod = r.get("Deployment", "azureserviceoperator-webhooks").at("/spec/template/spec");
    assertThat(pod.at("/automountServiceAccountToken").asBoolean()).isTrue();
    assertThat(pod.at("/containers/0/args").toString()).contains("--cert-mode=self-managed",
        "--cert-secret=webhook-server-cert", "--cert-validity=2160h");
    JsonNode cainjector = r.get("ClusterRole", "azureserviceoperator-webhooks-cainjector-role");
    Set<String> crdNames = new TreeSet<>();
    cainjector.path("rules").forEach(rule -> {
      if (values(rule.path("resources")).contains("customresourcedefinitions")) {
        crdNames.addAll(values(rule.path("resourceNames")));
      }
    });
    assertThat(crdNames).contains("resourcegroups.resources.azure.com").hasSizeGreaterThan(10);
  }

  @Test
  void multitenantTenantInstallsOwnNoWebhooks() {
    Rendered tenant = render("--set", "multitenant.enable=true", "--set", "azureOperatorMode=watchers");
    assertThat(tenant.ofKind("MutatingWebhookConfiguration").count()).isZero();
    assertThat(tenant.has("Deployment", "azureserviceoperator-webhooks")).isFalse();
    assertThat(tenant.has("ClusterRole", "azureserviceoperator-crd-manager-role")).isFalse();
    assertThat(tenant.has("ClusterRoleBinding", "azureserviceoperator-manager-rolebinding-" + NS)).isTrue();
    Rendered cluster = render("--set", "multitenant.enable=true", "--set", "azureOperatorMode=webhooks");
    assertThat(cluster.has("Deployment", "azureserviceoperator-webhooks")).isTrue();
  }

  @Test
  void networkPoliciesWhenEnabled() {
    assertThat(render().ofKind("NetworkPolicy").count()).isZero();
    Rendered r = render("--set", "networkPolicies.enable=true");
    assertThat(r.get("NetworkPolicy", "azureserviceoperator-webhooks").at("/spec/ingress/0/ports/0/port").asInt())
        .isEqualTo(9443);
    assertThat(r.has("NetworkPolicy", "azureserviceoperator-controller")).isTrue();
  }

  @Test
  void badValuesFailWithAMessageNamingTheValue() {
    Repo.Result mode = Helm.run("template", "aso", Repo.chart().toString(), "--set", "azureOperatorMode=both");
    assertThat(mode.exitCode()).isNotZero();
    assertThat(mode.stderr()).contains("azureOperatorMode must be watchers-and-webhooks, watchers or webhooks");
    Repo.Result multi = Helm.run("template", "aso", Repo.chart().toString(), "--set", "multitenant.enable=true");
    assertThat(multi.stderr()).contains("multitenant.enable=true needs azureOperatorMode=webhooks");
    Repo.Result both = Helm.run("template", "aso", Repo.chart().toString(), "--set", "azureClientSecret=x",
        "--set", "useWorkloadIdentityAuth=true");
    assertThat(both.stderr()).contains("useWorkloadIdentityAuth=true and azureClientSecret are both set");
  }

  static Set<String> values(JsonNode array) {
    Set<String> out = new TreeSet<>();
    array.forEach(v -> out.add(v.asText()));
    return out;
  }
}
