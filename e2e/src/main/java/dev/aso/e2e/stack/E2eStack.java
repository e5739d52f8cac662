package dev.aso.e2e.stack;

import dev.aso.testsupport.ControlPlane;
import dev.aso.testsupport.ManifestInstaller;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What the end-to-end tests run against, once per test JVM: the real control plane, the webhook
 * server deployable as a process with its own CA and a certificate for 127.0.0.1, and every
 * generated CRD and webhook configuration installed with their service references rewritten to
 * that server (as envtest does).
 */
public final class E2eStack implements AutoCloseable {

  private final ControlPlane controlPlane;
  private final ServingCertificates certificates;
  private final WebhookServerProcess webhooks;

  private E2eStack(ControlPlane controlPlane, ServingCertificates certificates,
      WebhookServerProcess webhooks) {
    this.controlPlane = controlPlane;
    this.certificates = certificates;
    this.webhooks = webhooks;
  }

  public static E2eStack start(ControlPlane controlPlane) {
    long t0 = System.nanoTime();
    Path dir = controlPlane.workDir().resolve("webhooks");
    ServingCertificates certificates = ServingCertificates.create(dir.resolve("certs"));
    WebhookServerProcess webhooks =
        WebhookServerProcess.start(
            certificates.dir(), dir.resolve("webhooks.log"), Duration.ofSeconds(120));
    long t1 = System.nanoTime();
    E2eStack stack = new E2eStack(controlPlane, certificates, webhooks);
    try {
      GeneratedManifests manifests = stack.manifests();
      List<HasMetadata> objects = new ArrayList<>(manifests.crds());
      objects.addAll(manifests.webhookConfigurations());
      stack.installer().timeout(Duration.ofSeconds(120)).installObjects(objects);
    } catch (RuntimeException e) {
      webhooks.close();
      throw e;
    }
    System.err.printf(
        "[aso] webhook server up in %.1f s (%s), %d CRDs and the webhook configurations"
            + " installed in %.1f s%n",
        (t1 - t0) / 1e9, webhooks.logFile(), GeneratedManifests.crdFileNames().size(),
        (System.nanoTime() - t1) / 1e9);
    return stack;
  }

  public ControlPlane controlPlane() {
    return controlPlane;
  }

  public KubernetesClient client() {
    return controlPlane.client();
  }

  public ServingCertificates certificates() {
    return certificates;
  }

  public WebhookServerProcess webhooks() {
    return webhooks;
  }

  public GeneratedManifests manifests() {
    return new GeneratedManifests(client());
  }

  /** An installer that points service references at this stack's webhook server. */
  public ManifestInstaller installer() {
    return controlPlane.installer().webhookServer(webhooks.httpsPort(), certificates.caPem());
  }

  public EtcdStore etcd() {
    return new EtcdStore(controlPlane.etcdUrl());
  }

  public ControlPlane.KubectlResult kubectl(String... args) {
    return controlPlane.kubectl(args);
  }

  public ControlPlane.KubectlResult kubectlWithInput(String stdin, String... args) {
    return controlPlane.kubectlWithInput(stdin, args);
  }

  /** Creates a namespace {@code <prefix>-<random>} for one test class. */
  public String newNamespace(String prefix) {
    String name =
        prefix + "-" + Integer.toString(ThreadLocalRandom.current().nextInt(1 << 20, 1 << 25), 36);
    client().namespaces()
        .resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build())
        .create();
    return name;
  }

  /** Deletes a namespace without waiting (its custom resources are collected in the background). */
  public void deleteNamespace(String name) {
    client().namespaces().withName(name).delete();
  }

  @Override
  public void close() {
    webhooks.close();
  }
}
