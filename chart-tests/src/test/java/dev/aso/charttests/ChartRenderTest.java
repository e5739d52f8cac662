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
      String yaml = Files.readString(Repo.generatedResources().resolve("webhooks/manifests.yaml"));
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
    assertThat(env(controller.at("/spec/template/spec/containers/0"), "JAVA_TOOL_OPTIONS"))
        .isEqualTo("-XX:MaxRAMPercentage=65 -XX:+ExitOnOutOfMemoryError");
    assertThat(env(render("--set", "controller.heapPercentage=75").get("Deployment",
        "azureserviceoperator-controller-manager").at("/spec/template/spec/containers/0"), "JAVA_TOOL_OPTIONS"))
        .startsWith("-XX:MaxRAMPercentage=75 ");
    assertThat(r.get("Certificate", "azureserviceoperator-serving-cert").at("/spec/dnsNames").toString())
        .contains("azureserviceoperator-webhook-service." + NS + ".svc");
    assertThat(r.get("Issuer", "azureserviceoperator-selfsigned-issuer").at("/metadata/namespace").asText())
        .isEqualTo(NS);
  }

  static String env(JsonNode container, String name) {
    return Rendered.stream(container.path("env")).filter(e -> e.path("name").asText().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("no env " + name + " in " + container.path("env"))).path("value").asText();
  }

  /**
   * cert-manager's chain: self-signed Issuer, CA Certificate, CA Issuer, serving Certificate. A renewal of the serving
   * certificate keeps its ca.crt (the CA), which cert-manager's CA injector copies into the caBundles.
   */
  @Test
  void certManagerIssuesTheServingCertificateFromALongLivedCa() {
    Rendered r = render();
    assertThat(r.get("Issuer", "azureserviceoperator-selfsigned-issuer").at("/spec/selfSigned").isObject()).isTrue();
    JsonNode ca = r.get("Certificate", "azureserviceoperator-ca");
    assertThat(ca.at("/spec/isCA").asBoolean()).isTrue();
    assertThat(ca.at("/spec/issuerRef/name").asText()).isEqualTo("azureserviceoperator-selfsigned-issuer");
    assertThat(ca.at("/spec/privateKey/rotationPolicy").asText()).as("the CA keeps its key on renewal")
        .isEqualTo("Never");
    JsonNode caIssuer = r.get("Issuer", "azureserviceoperator-ca-issuer");
    assertThat(caIssuer.at("/spec/ca/secretName").asText()).isEqualTo(ca.at("/spec/secretName").asText())
        .isEqualTo("azureserviceoperator-ca");
    JsonNode serving = r.get("Certificate", "azureserviceoperator-serving-cert");
    assertThat(serving.at("/spec/issuerRef/kind").asText() + "/" + serving.at("/spec/issuerRef/name").asText())
        .isEqualTo("Issuer/azureserviceoperator-ca-issuer");
    assertThat(serving.at("/spec/isCA").asBoolean(false)).isFalse();
    assertThat(serving.at("/spec/secretName").asText()).isEqualTo("webhook-server-cert");
    assertThat(hours(ca.at("/spec/duration").asText())).as("the CA outlives many serving certificates")
        .isGreaterThanOrEqualTo(10 * hours(serving.at("/spec/duration").asText()));
    assertThat(r.ofKind("Certificate").map(c -> c.at("/spec/issuerRef/name").asText()))
        .as("every Certificate's Issuer is in the chart").allMatch(issuer -> r.has("Issuer", issuer));
    assertThat(r.ofKind("Issuer").count()).isEqualTo(2);
    assertThat(r.ofKind("Certificate").count()).isEqualTo(2);
  }

  /** Hours of a cert-manager duration written in hours ({@code 2160h}). */
  static long hours(String duration) {
    assertThat(duration).matches("\\d+h");
    return Long.parseLong(duration.substring(0, duration.length() - 1));
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
    assertThat(rules(crdRole)).as("create and list (no name possible), get and update of the operator's CRDs only")
        .containsExactly("customresourcedefinitions: create,list",
            "customresourcedefinitions: get,update on " + shippedCrdNames());
    JsonNode manager = r.get("ClusterRole", "azureserviceoperator-manager-role");
    assertThat(rules(manager)).as("the kinds: read, watched and patched, never updated, created or deleted")
        .contains("resources.azure.com/resourcegroups: get,list,patch,watch",
            "resources.azure.com/resourcegroups/status: patch", "resources.azure.com/resourcegroups/finalizers: update");
    assertThat(rules(manager)).as("what the controller does with core objects")
        .contains("secrets,configmaps: create,get,update", "events: create", "namespaces: get")
        .filteredOn(rule -> !rule.contains(".azure.com")).hasSize(3);
    JsonNode settings = r.get("Role", "azureserviceoperator-settings-role");
    assertThat(rules(settings)).containsExactly("secrets: get on aso-controller-settings");
    JsonNode lease = r.get("Role", "azureserviceoperator-leader-election-role");
    assertThat(rules(lease)).containsExactly("leases: create",
        "leases: get,patch,update on controllers-leader-election-azinfra-generated");
  }

  /** A rule as {@code resources: verbs[ on names]} (sorted), prefixed by its API group unless core or RBAC-known. */
  static List<String> rules(JsonNode role) {
    List<String> out = new ArrayList<>();
    role.path("rules").forEach(rule -> {
      String group = rule.at("/apiGroups/0").asText();
      String names = rule.has("resourceNames") ? " on " + String.join(",", values(rule.path("resourceNames"))) : "";
      out.add((group.endsWith(".azure.com") ? group + "/" : "") + String.join(",", Rendered.stream(
          rule.path("resources")).map(JsonNode::asText).toList()) + ": " + String.join(",", values(rule.path("verbs")))
          + names);
    });
    return out;
  }

  /** The names of the CRDs the controller ships (the generated crds/index.txt), sorted, comma-separated. */
  static String shippedCrdNames() {
    Path dir = Repo.generatedResources().resolve("crds");
    Set<String> names = new TreeSet<>();
    try {
      for (String file : Files.readAllLines(dir.resolve("index.txt"))) {
        if (!file.isBlank()) {
          names.add(Rendered.of(Files.readString(dir.resolve(file.strip()))).objects().get(0).at("/metadata/name")
              .asText());
        }
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return String.join(",", names);
  }

  @Test
  void withTargetNamespacesTheControllerGetsRolesInThemAndReadsOnlyThoseNamespaces() {
    Rendered r = render("--set", "azureTargetNamespaces={team-a,team-b}");
    JsonNode cluster = r.get("ClusterRole", "azureserviceoperator-manager-role");
    assertThat(rules(cluster)).as("nothing namespaced cluster-wide").containsExactly("namespaces: get on team-a,team-b");
    JsonNode clusterWide = render().get("ClusterRole", "azureserviceoperator-manager-role");
    for (String ns : List.of("team-a", "team-b")) {
      JsonNode role = r.ofKind("Role").filter(o -> o.at("/metadata/namespace").asText().equals(ns)).findFirst()
          .orElseThrow(() -> new AssertionError("no Role in " + ns));
      assertThat(role.at("/metadata/name").asText()).isEqualTo("azureserviceoperator-manager-role");
      List<String> expected = new ArrayList<>(rules(clusterWide));
      expected.remove("namespaces: get");
      assertThat(rules(role)).as("the cluster-wide rules, less namespaces").isEqualTo(expected);
      JsonNode binding = r.ofKind("RoleBinding").filter(o -> o.at("/metadata/namespace").asText().equals(ns))
          .findFirst().orElseThrow();
      assertThat(binding.at("/roleRef/name").asText()).isEqualTo("azureserviceoperator-manager-role");
      assertThat(binding.at("/subjects/0/name").asText()).isEqualTo("azureserviceoperator-default");
      assertThat(binding.at("/subjects/0/namespace").asText()).isEqualTo(NS);
    }
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
  void shardCountGoesIntoTheSettingsSecretOnlyWhenSet() {
    Rendered sharded = render("--set", "shardCount=4", "--set", "controller.replicas=2");
    assertThat(sharded.get("Secret", "aso-controller-settings").at("/stringData/SHARD_COUNT").asText()).isEqualTo("4");
    JsonNode controller = sharded.get("Deployment", "azureserviceoperator-controller-manager");
    assertThat(controller.at("/spec/replicas").asInt()).isEqualTo(2);
    assertThat(controller.at("/spec/template/spec/containers/0/env").toString())
        .contains("\"name\":\"SHARD_COUNT\",\"valueFrom\":{\"secretKeyRef\":{\"name\":\"aso-controller-settings\"");
    assertThat(render().get("Secret", "aso-controller-settings").at("/stringData").has("SHARD_COUNT")).isFalse();
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
  void multitenantTenantInstallsOwnNoWebhooksAndChangeNoCrd() {
    Rendered tenant = render("--set", "multitenant.enable=true", "--set", "azureOperatorMode=watchers", "--set",
        "azureTargetNamespaces={tenant1}");
    assertThat(tenant.ofKind("MutatingWebhookConfiguration").count()).isZero();
    assertThat(tenant.has("Deployment", "azureserviceoperator-webhooks")).isFalse();
    assertThat(tenant.has("ClusterRole", "azureserviceoperator-crd-manager-role")).isFalse();
    assertThat(tenant.get("Deployment", "azureserviceoperator-controller-manager")
        .at("/spec/template/spec/containers/0/args").toString()).contains("--crd-management=none");
    assertThat(rules(tenant.get("ClusterRole", "azureserviceoperator-crd-reader-role-" + NS)))
        .containsExactly("customresourcedefinitions: list");
    assertThat(tenant.has("ClusterRoleBinding", "azureserviceoperator-crd-reader-rolebinding-" + NS)).isTrue();
    assertThat(rules(tenant.get("ClusterRole", "azureserviceoperator-manager-role-" + NS)))
        .containsExactly("namespaces: get on tenant1");
    assertThat(tenant.has("ClusterRoleBinding", "azureserviceoperator-manager-rolebinding-" + NS)).isTrue();
    assertThat(tenant.ofKind("Role").filter(o -> o.at("/metadata/namespace").asText().equals("tenant1"))
        .map(o -> o.at("/metadata/name").asText())).containsExactly("azureserviceoperator-manager-role-" + NS);

    Rendered cluster = render("--set", "multitenant.enable=true", "--set", "azureOperatorMode=webhooks");
    assertThat(cluster.has("Deployment", "azureserviceoperator-webhooks")).isTrue();
    assertThat(cluster.has("ClusterRole", "azureserviceoperator-crd-manager-role")).isTrue();
    assertThat(cluster.has("ClusterRole", "azureserviceoperator-manager-role"))
        .as("no reconciling in webhooks mode, so no rights on resources").isFalse();
    assertThat(cluster.has("Role", "azureserviceoperator-leader-election-role")).isFalse();
    assertThat(cluster.has("Role", "azureserviceoperator-settings-role")).isTrue();
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
    for (String heap : List.of("controller.heapPercentage=95", "controller.heapPercentage=lots")) {
      Repo.Result bad = Helm.run("template", "aso", Repo.chart().toString(), "--set", heap);
      assertThat(bad.exitCode()).as(heap).isNotZero();
      assertThat(bad.stderr()).as(heap).contains("controller.heapPercentage must be a number from 10 to 90");
    }
  }

  static Set<String> values(JsonNode array) {
    Set<String> out = new TreeSet<>();
    array.forEach(v -> out.add(v.asText()));
    return out;
  }
}
