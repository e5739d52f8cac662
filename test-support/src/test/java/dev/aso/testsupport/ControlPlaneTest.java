package dev.aso.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The shared control plane: API server, CRDs, kubectl, garbage collection, namespaces, webhooks. */
@RealControlPlane
class ControlPlaneTest {

  static final ResourceDefinitionContext WIDGETS =
      new ResourceDefinitionContext.Builder()
          .withGroup("test.aso.dev")
          .withVersion("v1")
          .withKind("Widget")
          .withPlural("widgets")
          .withNamespaced(true)
          .build();

  @BeforeAll
  static void installCrd(ControlPlane cp) throws Exception {
    // the installer waits until the CRD is Established and in discovery
    List<HasMetadata> installed =
        cp.installer().install(Path.of(ControlPlaneTest.class.getResource("/widgets-crd.yaml").toURI()));
    assertThat(installed).hasSize(1);
  }

  @Test
  void apiServerAndKubectlReportThePinnedVersion(ControlPlane cp, KubernetesClient client)
      throws Exception {
    String goMod = java.nio.file.Files.readString(Path.of("../hack/control-plane/k8s/go.mod"));
    var pinned = java.util.regex.Pattern.compile("\\sk8s\\.io/kubernetes (v1\\.\\d+\\.\\d+)\\s")
        .matcher(goMod);
    assertThat(pinned.find()).isTrue();
    String server = client.getKubernetesVersion().getGitVersion();
    assertThat(server).isEqualTo(pinned.group(1));
    assertThat(client.getKubernetesVersion().getMinor()).isNotBlank();
    String kubectl = cp.kubectl("version", "-o", "json").assertSuccess().stdout();
    assertThat(kubectl).contains("\"gitVersion\": \"" + server + "\"");
    assertThat(kubectl).doesNotContain("v0.0.0-master");
    assertThat(cp.kubectl("get", "--raw", "/readyz").assertSuccess().stdout()).isEqualTo("ok");
    assertThat(cp.kubeconfig()).exists();
    assertThat(cp.isRunning()).isTrue();
  }

  @Test
  void crdIsEstablishedAndCustomObjectsWorkWithKubectlAndFabric8(
      ControlPlane cp, KubernetesClient client) {
    String ns = newNamespace(client);
    var crd = client.apiextensions().v1().customResourceDefinitions().withName("widgets.test.aso.dev").get();
    assertThat(crd.getStatus().getConditions())
        .anyMatch(c -> c.getType().equals("Established") && c.getStatus().equals("True"));

    // kubectl creates, fabric8 reads
    cp.kubectlWithInput(
            """
            apiVersion: test.aso.dev/v1
            kind: Widget
            metadata: {name: from-kubectl}
            spec: {size: 3, colour: blue}
            """,
            "apply", "-n", ns, "-f", "-")
        .assertSuccess();
    GenericKubernetesResource w =
        client.genericKubernetesResources(WIDGETS).inNamespace(ns).withName("from-kubectl").get();
    assertThat(w.getAdditionalProperties().get("spec")).isEqualTo(Map.of("size", 3, "colour", "blue"));

    // fabric8 creates, kubectl reads
    GenericKubernetesResource created = new GenericKubernetesResource();
    created.setApiVersion("test.aso.dev/v1");
    created.setKind("Widget");
    created.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder()
        .withName("from-fabric8").withNamespace(ns).build());
    created.setAdditionalProperty("spec", Map.of("size", 7));
    client.resource(created).create();
    var get = cp.kubectl("get", "widget", "from-fabric8", "-n", ns, "-o", "jsonpath={.spec.size}");
    assertThat(get.assertSuccess().stdout()).isEqualTo("7");

    // the schema is enforced
    var bad = cp.kubectlWithInput(
        "{\"apiVersion\":\"test.aso.dev/v1\",\"kind\":\"Widget\",\"metadata\":{\"name\":\"bad\"},"
            + "\"spec\":{\"size\":-1}}",
        "apply", "-n", ns, "-f", "-");
    assertThat(bad.exitCode()).isNotZero();
    assertThat(bad.stderr()).contains("spec.size");
  }

  @Test
  void garbageCollectorDeletesDependentsOfADeletedConfigMap(KubernetesClient client) {
    String ns = newNamespace(client);
    ConfigMap owner = client.resource(configMap(ns, "owner")).create();
    client.resource(new ConfigMapBuilder(configMap(ns, "dependent"))
            .editMetadata()
            .withOwnerReferences(new OwnerReferenceBuilder()
                .withApiVersion("v1").withKind("ConfigMap")
                .withName(owner.getMetadata().getName()).withUid(owner.getMetadata().getUid())
                .build())
            .endMetadata()
            .build())
        .create();
    client.configMaps().inNamespace(ns).withName("owner").delete();
    eventually("dependent ConfigMap garbage-collected", Duration.ofSeconds(60),
        () -> client.configMaps().inNamespace(ns).withName("dependent").get() == null);
  }

  @Test
  void garbageCollectorDeletesDependentsOfADeletedCustomObject(KubernetesClient client) {
    String ns = newNamespace(client);
    GenericKubernetesResource owner = new GenericKubernetesResource();
    owner.setApiVersion("test.aso.dev/v1");
    owner.setKind("Widget");
    owner.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder()
        .withName("owner").withNamespace(ns).build());
    owner = client.resource(owner).create();
    client.resource(new ConfigMapBuilder(configMap(ns, "dependent"))
            .editMetadata()
            .withOwnerReferences(new OwnerReferenceBuilder()
                .withApiVersion("test.aso.dev/v1").withKind("Widget")
                .withName("owner").withUid(owner.getMetadata().getUid())
                .build())
            .endMetadata()
            .build())
        .create();
    client.genericKubernetesResources(WIDGETS).inNamespace(ns).withName("owner").delete();
    // fast because the installer restarted kube-controller-manager after creating the CRD (its
    // garbage collector would otherwise learn the new kind only at its next 30 s discovery refresh)
    eventually("ConfigMap owned by a Widget garbage-collected", Duration.ofSeconds(60),
        () -> client.configMaps().inNamespace(ns).withName("dependent").get() == null);
  }

  @Test
  void namespaceIsDeletedWithItsContents(ControlPlane cp, KubernetesClient client) {
    String ns = newNamespace(client);
    client.resource(configMap(ns, "some-config")).create();
    cp.kubectlWithInput(
            "{\"apiVersion\":\"test.aso.dev/v1\",\"kind\":\"Widget\",\"metadata\":{\"name\":\"w\"}}",
            "apply", "-n", ns, "-f", "-")
        .assertSuccess();
    cp.kubectl("delete", "namespace", ns, "--wait=false").assertSuccess();
    eventually("namespace " + ns + " deleted", Duration.ofSeconds(90),
        () -> client.namespaces().withName(ns).get() == null);
  }

  @Test
  void webhookConfigurationIsRewrittenToALocalServer(ControlPlane cp, KubernetesClient client)
      throws Exception {
    String ns = newNamespace(client);
    Pki.CertificateAuthority ca = Pki.CertificateAuthority.create("webhook CA");
    Pki.Credential serving = ca.issueServing("127.0.0.1", "localhost");
    HttpsServer server =
        HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(Pki.sslContext(ca.certificate(), serving)));
    ObjectMapper json = new ObjectMapper();
    server.createContext("/validate", exchange -> {
      JsonNode review;
      try (InputStream in = exchange.getRequestBody()) {
        review = json.readTree(in);
      }
      ObjectNode response = json.createObjectNode();
      response.put("apiVersion", "admission.k8s.io/v1").put("kind", "AdmissionReview");
      ObjectNode r = response.putObject("response");
      r.put("uid", review.path("request").path("uid").asText()).put("allowed", false);
      r.putObject("status").put("code", 403).put("message",
          "denied by the test webhook: " + review.path("request").path("name").asText());
      byte[] body = json.writeValueAsBytes(response);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.start();
    try {
      List<HasMetadata> installed = cp.installer()
          .webhookServer(server.getAddress().getPort(), ca.certificatePem())
          .install(Path.of(getClass().getResource("/deny-webhook.yaml").toURI()));
      assertThat(installed).hasSize(1);
      var hook = client.admissionRegistration().v1().validatingWebhookConfigurations()
          .withName("aso-test-deny").get();
      assertThat(hook.getWebhooks().get(0).getClientConfig().getUrl())
          .isEqualTo("https://127.0.0.1:" + server.getAddress().getPort() + "/validate");

      String denied = "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"nope\","
          + "\"labels\":{\"aso-test/webhook\":\"deny\"}}}";
      // the webhook configuration may take a moment to be picked up by the API server
      eventually("webhook in effect", Duration.ofSeconds(30), () -> {
        var r = cp.kubectlWithInput(denied, "apply", "-n", ns, "-f", "-");
        if (r.succeeded()) {
          cp.kubectl("delete", "configmap", "nope", "-n", ns);
          return false;
        }
        assertThat(r.stderr()).contains("denied by the test webhook: nope");
        return true;
      });
      // objects without the label are not sent to the webhook
      cp.kubectlWithInput(denied.replace("deny", "other"), "apply", "-n", ns, "-f", "-")
          .assertSuccess();
    } finally {
      client.admissionRegistration().v1().validatingWebhookConfigurations()
          .withName("aso-test-deny").delete();
      server.stop(0);
    }
  }

  // ------------------------------------------------------------------ helpers

  static String newNamespace(KubernetesClient client) {
    String name = "t-" + UUID.randomUUID().toString().substring(0, 8);
    client.resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build())
        .create();
    return name;
  }

  static ConfigMap configMap(String ns, String name) {
    return new ConfigMapBuilder()
        .withNewMetadata().withName(name).withNamespace(ns).endMetadata()
        .withData(Map.of("k", "v"))
        .build();
  }

  static void eventually(String what, Duration timeout, BooleanSupplier condition) {
    long end = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("timed out after " + timeout.toSeconds() + " s: " + what);
      }
      try {
        Thread.sleep(250);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  static String utf8(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }
}
