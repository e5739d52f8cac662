package dev.aso.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A CRD whose conversion webhook the installer points at an HTTPS server in this JVM. */
@RealControlPlane
class ConversionWebhookTest {

  static final ObjectMapper JSON = new ObjectMapper();
  static final AtomicInteger REVIEWS = new AtomicInteger();
  static HttpsServer server;

  @BeforeAll
  static void startServerAndInstall(ControlPlane cp) throws Exception {
    Pki.CertificateAuthority ca = Pki.CertificateAuthority.create("conversion webhook CA");
    Pki.Credential serving = ca.issueServing("127.0.0.1");
    server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(Pki.sslContext(ca.certificate(), serving)));
    server.createContext("/convert", exchange -> {
      JsonNode review;
      try (InputStream in = exchange.getRequestBody()) {
        review = JSON.readTree(in);
      }
      REVIEWS.incrementAndGet();
      byte[] body = JSON.writeValueAsBytes(convert(review));
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    // without an executor every exchange, TLS handshake included, runs on the server's one dispatcher thread: a
    // connection the API server leaves half-open then stalls every later review (seen once in CI: a 30 s timeout)
    server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4, r -> {
      Thread t = new Thread(r, "conversion-webhook");
      t.setDaemon(true);
      return t;
    }));
    server.start();
    cp.installer()
        .webhookServer(server.getAddress().getPort(), ca.certificatePem())
        .install(Path.of(ConversionWebhookTest.class.getResource("/gadgets-crd.yaml").toURI()));
  }

  @AfterAll
  static void removeCrdAndStopServer(ControlPlane cp) {
    // a CRD whose conversion webhook is gone would trouble the garbage collector of later tests
    cp.client().apiextensions().v1().customResourceDefinitions()
        .withName("gadgets.test.aso.dev").delete();
    ControlPlaneTest.eventually("CRD gadgets deleted", java.time.Duration.ofSeconds(60),
        () -> cp.client().apiextensions().v1().customResourceDefinitions()
            .withName("gadgets.test.aso.dev").get() == null);
    server.stop(0);
  }

  /** v1 spec.size <-> v2 spec.dimensions.size. */
  static ObjectNode convert(JsonNode review) {
    JsonNode request = review.path("request");
    String desired = request.path("desiredAPIVersion").asText();
    ArrayNode converted = JSON.createArrayNode();
    for (JsonNode object : request.path("objects")) {
      ObjectNode copy = object.deepCopy();
      ObjectNode spec = copy.has("spec") ? (ObjectNode) copy.get("spec") : copy.putObject("spec");
      if (desired.endsWith("/v2") && spec.has("size")) {
        spec.putObject("dimensions").set("size", spec.remove("size"));
      } else if (desired.endsWith("/v1") && spec.has("dimensions")) {
        JsonNode size = spec.remove("dimensions").path("size");
        if (!size.isMissingNode()) {
          spec.set("size", size);
        }
      }
      copy.put("apiVersion", desired);
      converted.add(copy);
    }
    ObjectNode out = JSON.createObjectNode();
    out.put("apiVersion", "apiextensions.k8s.io/v1").put("kind", "ConversionReview");
    ObjectNode response = out.putObject("response");
    response.put("uid", request.path("uid").asText());
    response.putObject("result").put("status", "Success");
    response.set("convertedObjects", converted);
    return out;
  }

  @Test
  void conversionWebhookUrlIsLocal(ControlPlane cp) {
    var crd = cp.client().apiextensions().v1().customResourceDefinitions()
        .withName("gadgets.test.aso.dev").get();
    var cc = crd.getSpec().getConversion().getWebhook().getClientConfig();
    assertThat(cc.getService()).isNull();
    assertThat(cc.getUrl()).isEqualTo("https://127.0.0.1:" + server.getAddress().getPort() + "/convert");
  }

  @Test
  void anObjectWrittenAsV1IsReadAsV2AndBack(ControlPlane cp) {
    String ns = ControlPlaneTest.newNamespace(cp.client());
    cp.kubectlWithInput(
            "{\"apiVersion\":\"test.aso.dev/v1\",\"kind\":\"Gadget\",\"metadata\":{\"name\":\"g\"},"
                + "\"spec\":{\"size\":5}}",
            "apply", "-n", ns, "-f", "-")
        .assertSuccess();
    int before = REVIEWS.get();
    var v2 = cp.kubectl("get", "gadgets.v2.test.aso.dev", "g", "-n", ns,
        "-o", "jsonpath={.apiVersion} {.spec.dimensions.size}");
    assertThat(v2.assertSuccess().stdout()).isEqualTo("test.aso.dev/v2 5");
    assertThat(REVIEWS.get()).isGreaterThan(before);

    // written as v2 through fabric8, stored as v1
    GenericKubernetesResource g2 = new GenericKubernetesResource();
    g2.setApiVersion("test.aso.dev/v2");
    g2.setKind("Gadget");
    g2.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder()
        .withName("g2").withNamespace(ns).build());
    g2.setAdditionalProperty("spec", Map.of("dimensions", Map.of("size", 9)));
    cp.client().resource(g2).create();
    var v1 = cp.client().genericKubernetesResources(
            new ResourceDefinitionContext.Builder().withGroup("test.aso.dev").withVersion("v1")
                .withKind("Gadget").withPlural("gadgets").withNamespaced(true).build())
        .inNamespace(ns).withName("g2").get();
    assertThat(v1.getAdditionalProperties().get("spec")).isEqualTo(Map.of("size", 9));
  }
}
