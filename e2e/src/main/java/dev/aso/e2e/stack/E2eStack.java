package dev.aso.e2e.stack;

import dev.aso.armemulator.AdminClient;
import dev.aso.testsupport.ControlPlane;
import dev.aso.testsupport.ManifestInstaller;
import dev.aso.testsupport.Pki;
import dev.aso.testsupport.RepositoryRoot;
import dev.aso.testsupport.deployables.ArmEmulatorProcess;
import dev.aso.testsupport.deployables.ControllerProcess;
import dev.aso.testsupport.deployables.WebhookServerProcess;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What the end-to-end tests run against, once per test JVM: the real control plane, the webhook
 * server deployable as a process with its own CA and a certificate for 127.0.0.1, and every
 * generated CRD and webhook configuration installed with their service references rewritten to
 * that server (as envtest does). The ARM emulator starts on first use; controllers are started by
 * the tests that need them, each watching the namespaces it is given. The controllers and kubectl
 * act as the control plane's admin, which the webhook server takes for the operator (the only user
 * that may set operator-owned annotations such as resource-id); tests act as someone else with
 * {@code kubectl --as=...}.
 */
public final class E2eStack implements AutoCloseable {

  private final ControlPlane controlPlane;
  private final ServingCertificates certificates;
  private volatile WebhookServerProcess webhooks;
  private final List<AutoCloseable> started = new ArrayList<>();
  private ArmEmulatorProcess armEmulator;
  private AdminClient armAdmin;
  /** The host the emulator's database servers report, where {@link #databases()} listen. */
  private final String databaseHost = LocalDatabases.randomLoopbackHost();
  private LocalDatabases databases;

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
    WebhookServerProcess webhooks = startWebhooks(controlPlane, certificates, 0);
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

  /** The webhook server on {@code port} (0: a free one), logging to {@code webhooks/webhooks.log}. */
  private static WebhookServerProcess startWebhooks(
      ControlPlane controlPlane, ServingCertificates certificates, int port) {
    // the controllers (startController) run with the admin kubeconfig: the admin is the operator
    return WebhookServerProcess.start(certificates.dir(),
        controlPlane.workDir().resolve("webhooks").resolve("webhooks.log"), port,
        Map.of(WebhookServerProcess.OPERATOR_IDENTITIES, ControlPlane.ADMIN_USER));
  }

  /**
   * Kills the webhook server (SIGKILL) unless it has exited already, and starts a new one on the
   * same port with the same certificates, which the installed webhook configurations and CRDs
   * point at; returns once it listens. Between the two, kube-apiserver cannot call the webhooks.
   */
  public synchronized WebhookServerProcess restartWebhooks() {
    if (webhooks.isAlive()) {
      webhooks.kill();
    }
    webhooks = startWebhooks(controlPlane, certificates, webhooks.httpsPort());
    return webhooks;
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

  /**
   * The run's ARM emulator (started on first use, its type definitions from the repository's
   * azure-types), and the operator's settings Secret pointing at it.
   */
  public synchronized ArmEmulatorProcess armEmulator() {
    if (armEmulator == null) {
      armEmulator = ArmEmulatorProcess.start(RepositoryRoot.find().resolve("azure-types"),
          controlPlane.workDir().resolve("arm-emulator"), databaseHost);
      started.add(armEmulator);
      OperatorSettings.apply(client(), OperatorSettings.forEmulator(armEmulator));
    }
    return armEmulator;
  }

  /**
   * The real PostgreSQL and MariaDB servers (started on first use, stopped with the stack) on the
   * standard ports of the host the emulator's database servers report as their
   * {@code fullyQualifiedDomainName}. A controller that should reach them gets
   * {@code AZURE_ADDITIONAL_CA_CERTIFICATES=}{@link LocalDatabases#caBundle()}.
   */
  public synchronized LocalDatabases databases() {
    if (databases == null) {
      databases = LocalDatabases.start(databaseHost, armEmulator().caCertificate(),
          controlPlane.workDir().resolve("databases"));
      started.add(databases);
    }
    return databases;
  }

  /** The emulator's admin API: its request log, write counters, state, tenants and clients. */
  public synchronized AdminClient armAdmin() {
    if (armAdmin == null) {
      ArmEmulatorProcess arm = armEmulator();
      armAdmin = new AdminClient(arm.baseUrl().toString(),
          Pki.sslContext(Pki.readCertificate(arm.caCertificate()), null), null);
    }
    return armAdmin;
  }

  /**
   * Starts a controller manager process against the ARM emulator, as a cluster runs it (settings
   * from the {@code aso-controller-settings} Secret of its namespace), watching only
   * {@code namespaces}. It uses the CRDs present ({@code --crd-management=none}: their conversion
   * points at this stack's webhook server) and runs without leader election. Stopped with the
   * stack, or earlier by the caller.
   */
  public ControllerProcess startController(String name, List<String> namespaces) {
    return startController(name, namespaces, Map.of());
  }

  /**
   * As {@link #startController(String, List)}, with {@code settings} added to its environment
   * (settings such as {@code OPERATION_TIMEOUT}; the environment wins over the settings Secret).
   */
  public synchronized ControllerProcess startController(
      String name, List<String> namespaces, Map<String, String> settings) {
    armEmulator();
    Map<String, String> env = new HashMap<>(settings);
    env.put("POD_NAMESPACE", OperatorSettings.NAMESPACE);
    env.put("AZURE_TARGET_NAMESPACES", String.join(",", namespaces));
    env.put("HOSTNAME", name);
    ControllerProcess controller = ControllerProcess.start(controlPlane.kubeconfig(), env,
        List.of("--crd-management=none", "--leader-elect=false"),
        controlPlane.workDir().resolve("controller-" + name + ".log"));
    started.add(controller);
    return controller;
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
  public synchronized void close() {
    for (int i = started.size() - 1; i >= 0; i--) {
      try {
        started.get(i).close();
      } catch (Exception e) {
        System.err.println("[aso] while stopping: " + e.getMessage());
      }
    }
    webhooks.close();
  }

}
