package dev.aso.charttests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aso.testsupport.ControlPlane;
import dev.aso.testsupport.ManifestInstaller;
import dev.aso.testsupport.RealControlPlane;
import dev.aso.testsupport.deployables.Ports;
import dev.aso.testsupport.deployables.WebhookServerProcess;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code certManager.enabled=false} end to end: the webhook server process, started with the chart's flags and
 * the chart's ServiceAccount and RBAC (a token of that ServiceAccount, so least privilege is exercised) on a cluster
 * without cert-manager, creates its CA and certificate in a Secret, injects the caBundle into the chart's webhook
 * configurations and the CRD's conversion webhook (none has one before), admits and converts with it, renews the
 * certificate before it expires without interrupting admission; a replica started later adopts the Secret instead
 * of making a CA of its own, and injects the caBundle into a CRD created after its start at once.
 */
@RealControlPlane
class SelfManagedCertificatesTest {

  static final String NS = "aso-self-managed";
  static final Duration VALIDITY = Duration.ofSeconds(30);
  static Path dir;
  static int port;
  static WebhookServerProcess server;
  static List<HasMetadata> configurations;
  static List<HasMetadata> rbac;
  static Path kubeconfig;

  @BeforeAll
  static void install(ControlPlane cp) throws Exception {
    dir = Files.createTempDirectory(ControllerWithChartRbacTest.logs(), "self-managed-");
    cp.kubectl("create", "namespace", NS).assertSuccess();
    port = Ports.free();
    Rendered rendered = Rendered.of(Helm.template(NS, "--set", "certManager.enabled=false"));
    configurations = AsoObjects.webhookConfigurations(cp.client(), rendered);
    List<HasMetadata> objects = new ArrayList<>(List.of(AsoObjects.resourceGroupCrd(cp.client())));
    objects.addAll(configurations);
    for (HasMetadata o : objects) {
      // the cluster has no pod network: the Service becomes a URL on loopback, and there is no caBundle at all
      ManifestInstaller.rewrite(o, "https://127.0.0.1:" + port, null);
    }
    cp.installer().installObjects(objects);
    rbac = AsoObjects.load(cp.client(), rendered.yamlOf("ServiceAccount", "Role", "RoleBinding", "ClusterRole",
        "ClusterRoleBinding")).stream().filter(o -> o.getMetadata().getName().startsWith("azureserviceoperator-webhooks"))
        .toList();
    assertThat(rbac).hasSize(5);
    rbac.forEach(o -> cp.client().resource(o).serverSideApply());
    kubeconfig = ServiceAccounts.kubeconfig(cp, NS, "azureserviceoperator-webhooks", dir);
    server = startReplica(cp, port, "replica-1", VALIDITY);
  }

  /** A replica with the arguments the chart renders for certManager.enabled=false, plus loopback names. */
  static WebhookServerProcess startReplica(ControlPlane cp, int replicaPort, String name, Duration validity)
      throws Exception {
    Path certDir = Files.createDirectories(dir.resolve(name));
    List<String> args = new ArrayList<>();
    Rendered.of(Helm.template(NS, "--set", "certManager.enabled=false", "--set",
            "selfManagedCertificates.validity=" + validity.toSeconds() + "s"))
        .get("Deployment", "azureserviceoperator-webhooks").at("/spec/template/spec/containers/0/args")
        .forEach(a -> {
          String arg = a.asText();
          // the chart's --cert-dir is a pod path; each replica here has a directory of its own
          if ((arg.startsWith("--cert-") && !arg.startsWith("--cert-dir=")) || arg.startsWith("--service-name")) {
            args.add(arg);
          }
        });
    assertThat(args).contains("--cert-mode=self-managed");
    args.add("--cert-extra-names=127.0.0.1");
    WebhookServerProcess replica = WebhookServerProcess.start(certDir, dir.resolve(name + ".log"), replicaPort,
        Map.of("POD_NAMESPACE", NS, "KUBECONFIG", kubeconfig.toString()), args.toArray(String[]::new));
    assertThat(certDir.resolve("tls.crt")).as("the replica writes its certificate into its --cert-dir").exists();
    return replica;
  }

  @AfterAll
  static void stop(ControlPlane cp) {
    cp.client().apiextensions().v1().customResourceDefinitions().withName(LATE_CRD).delete();
    if (configurations != null) {
      AsoObjects.remove(cp, configurations);
    }
    if (rbac != null) {
      rbac.forEach(o -> cp.client().resource(o).delete());
    }
    if (server != null) {
      server.close();
    }
  }

  static final String LATE_CRD = "userassignedidentities.managedidentity.azure.com";

  static Secret secret(ControlPlane cp) {
    return cp.client().secrets().inNamespace(NS).withName("webhook-server-cert").get();
  }

  static String decoded(Secret secret, String key) {
    return new String(Base64.getDecoder().decode(secret.getData().get(key)), StandardCharsets.US_ASCII);
  }

  static X509Certificate certificate(String pem) throws Exception {
    return (X509Certificate) CertificateFactory.getInstance("X.509")
        .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
  }

  /** The certificate a server presents in a TLS handshake (not verified: we compare it with the Secret's). */
  static X509Certificate served(int serverPort) throws Exception {
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, new TrustManager[] {new X509TrustManager() {
      @Override
      public void checkClientTrusted(X509Certificate[] chain, String authType) {}

      @Override
      public void checkServerTrusted(X509Certificate[] chain, String authType) {}

      @Override
      public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
      }
    }}, null);
    try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", serverPort)) {
      socket.startHandshake();
      return (X509Certificate) socket.getSession().getPeerCertificates()[0];
    }
  }

  static void assertCaBundleInjected(ControlPlane cp, String caBundleBase64) {
    for (HasMetadata c : configurations) {
      if (c instanceof MutatingWebhookConfiguration m) {
        cp.client().resource(m).get().getWebhooks().forEach(w -> assertThat(w.getClientConfig().getCaBundle())
            .as("caBundle of %s in %s", w.getName(), m.getMetadata().getName()).isEqualTo(caBundleBase64));
      } else if (c instanceof ValidatingWebhookConfiguration v) {
        cp.client().resource(v).get().getWebhooks().forEach(w -> assertThat(w.getClientConfig().getCaBundle())
            .as("caBundle of %s in %s", w.getName(), v.getMetadata().getName()).isEqualTo(caBundleBase64));
      }
    }
    assertThat(cp.client().apiextensions().v1().customResourceDefinitions().withName(AsoObjects.RESOURCE_GROUPS).get()
        .getSpec().getConversion().getWebhook().getClientConfig().getCaBundle()).isEqualTo(caBundleBase64);
  }

  @Test
  void issuesInjectsAdmitsConvertsRotatesAndSharesTheCertificate(ControlPlane cp) throws Exception {
    Secret first = secret(cp);
    assertThat(first).as("Secret %s/webhook-server-cert", NS).isNotNull();
    assertThat(first.getType()).isEqualTo("kubernetes.io/tls");
    assertThat(first.getData()).containsOnlyKeys("tls.crt", "tls.key", "ca.crt", "ca.key");
    String caBundle = first.getData().get("ca.crt");
    assertCaBundleInjected(cp, caBundle);
    X509Certificate firstCert = certificate(decoded(first, "tls.crt"));
    assertThat(served(port)).isEqualTo(firstCert);

    // admission and conversion through the self-managed certificate
    AsoObjects.assertDefaulted(cp, NS, "rg-self-1");
    cp.kubectlWithInput(AsoObjects.resourceGroup("v1beta20200601", "rg-self-old", NS, ""), "apply", "-f", "-")
        .assertSuccess();
    assertThat(cp.kubectl("get", "resourcegroups.v1api20200601.resources.azure.com", "rg-self-old", "-n", NS, "-o",
        "jsonpath={.apiVersion}").assertSuccess().stdout()).isEqualTo("resources.azure.com/v1api20200601");

    // rotation: renewed after two thirds of 30 s (and before the end), by the same CA, served without a restart
    AsoObjects.eventually("a renewed certificate in the Secret", Duration.ofSeconds(60),
        () -> !secret(cp).getData().get("tls.crt").equals(first.getData().get("tls.crt")));
    Secret renewed = secret(cp);
    X509Certificate renewedCert = certificate(decoded(renewed, "tls.crt"));
    double renewedAfter = (renewedCert.getNotBefore().getTime() - firstCert.getNotBefore().getTime()) / 1000.0;
    assertThat(renewedAfter).as("seconds from the first certificate to the renewed one").isBetween(19.0, 30.0);
    assertThat(renewed.getData().get("ca.crt")).as("the CA stays").isEqualTo(caBundle);
    renewedCert.verify(certificate(decoded(renewed, "ca.crt")).getPublicKey());
    AsoObjects.eventually("the server serving the renewed certificate", Duration.ofSeconds(30), () -> {
      try {
        return !served(port).equals(firstCert);
      } catch (Exception e) {
        throw new AssertionError("TLS handshake with the webhook server failed", e);
      }
    });
    System.out.printf("[chart-tests] certificate renewed %.1f s after the first one was issued (validity %d s)%n",
        renewedAfter, VALIDITY.toSeconds());
    AsoObjects.assertDefaulted(cp, NS, "rg-self-2");
    assertCaBundleInjected(cp, caBundle);
    assertThat(server.log()).contains("self-managed certificates: new certificate in Secret " + NS
        + "/webhook-server-cert because the serving certificate").doesNotContain("BEGIN EC PRIVATE", "BEGIN PRIVATE");
    server.close();
    server = null;

    // a replica started later (checking only every 30 s) adopts the Secret: same CA, the Secret's certificate
    try (WebhookServerProcess later = startReplica(cp, Ports.free(), "replica-2",
        Duration.ofMinutes(10))) {
      assertThat(secret(cp).getData().get("ca.crt")).isEqualTo(caBundle);
      assertThat(served(later.httpsPort())).isEqualTo(certificate(decoded(secret(cp), "tls.crt")));
      assertThat(later.log()).doesNotContain("new CA");
      // a CRD the controller installs after the webhook server started gets the caBundle at once (watch)
      HasMetadata crd = AsoObjects.load(cp.client(), Files.readString(Repo.generatedResources().resolve(
          "crds/managedidentity.azure.com_userassignedidentities.yaml"))).get(0);
      ManifestInstaller.rewrite(crd, "https://127.0.0.1:" + later.httpsPort(), null);
      long created = System.nanoTime();
      cp.client().resource(crd).create();
      AsoObjects.eventually("the caBundle in a CRD created after the start", Duration.ofSeconds(10),
          () -> caBundle.equals(cp.client().apiextensions().v1().customResourceDefinitions().withName(LATE_CRD).get()
              .getSpec().getConversion().getWebhook().getClientConfig().getCaBundle()));
      System.out.printf("[chart-tests] caBundle injected into a new CRD %.1f s after its creation%n",
          (System.nanoTime() - created) / 1e9);
      // the 30-second certificate it adopted is renewed when due (with its own 10-minute validity), not at its
      // next 30-second check, so it never serves an expired certificate
      AsoObjects.eventually("the adopted certificate renewed in time", Duration.ofSeconds(25), () -> {
        try {
          X509Certificate c = served(later.httpsPort());
          return c.getNotAfter().getTime() - c.getNotBefore().getTime() > Duration.ofMinutes(5).toMillis();
        } catch (Exception e) {
          throw new AssertionError("TLS handshake with the later replica failed", e);
        }
      });
    }
  }
}
