package dev.aso.testsupport;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Kubernetes control plane on loopback: etcd, kube-apiserver and kube-controller-manager
 * (garbage collector and namespace controller only) started as processes, with a test PKI, an admin
 * kubeconfig, a fabric8 client and a kubectl runner.
 *
 * <p>Tests normally get one through {@link KubeControlPlane} (one control plane per test run); a
 * test that needs its own can call {@link #start(Options)} and close it.
 */
public final class ControlPlane implements AutoCloseable {

  /**
   * The username of the admin kubeconfig ({@link #kubeconfig()}): its client certificate's CN, as
   * kube-apiserver reports it in {@code userInfo.username}. It is in system:masters.
   */
  public static final String ADMIN_USER = "admin";

  private static final Logger LOG = LoggerFactory.getLogger(ControlPlane.class);
  private static final String PREFIX = "[aso-test-support] ";

  /** How to start a control plane; every field has a default. */
  public record Options(Path binDir, Path workDir, Duration startTimeout, String advertiseAddress) {

    /**
     * Defaults: binaries from {@link ControlPlaneBinaries#locate()}, work directory
     * {@code target/control-plane/<time>} (system property {@code aso.controlPlane.workDir}
     * overrides the parent), start timeout 120 s ({@code aso.controlPlane.startTimeoutSeconds}),
     * advertise address: the first non-loopback IPv4 address of the host, else 127.0.0.1
     * ({@code aso.controlPlane.advertiseAddress}).
     */
    public static Options defaults() {
      return new Options(null, null, null, null);
    }

    public Options withBinDir(Path dir) {
      return new Options(dir, workDir, startTimeout, advertiseAddress);
    }

    public Options withWorkDir(Path dir) {
      return new Options(binDir, dir, startTimeout, advertiseAddress);
    }

    public Options withStartTimeout(Duration timeout) {
      return new Options(binDir, workDir, timeout, advertiseAddress);
    }

    public Options withAdvertiseAddress(String address) {
      return new Options(binDir, workDir, startTimeout, address);
    }

    Options resolved() {
      Path bin = binDir != null ? binDir : ControlPlaneBinaries.locate();
      Path work = workDir;
      if (work == null) {
        Path parent =
            Path.of(System.getProperty("aso.controlPlane.workDir", "target/control-plane"));
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        work = parent.resolve(stamp + "-" + ProcessHandle.current().pid()).toAbsolutePath();
      }
      Duration timeout =
          startTimeout != null
              ? startTimeout
              : Duration.ofSeconds(
                  Long.getLong("aso.controlPlane.startTimeoutSeconds", 120L));
      String advertise =
          advertiseAddress != null
              ? advertiseAddress
              : System.getProperty("aso.controlPlane.advertiseAddress", hostAddress());
      return new Options(bin, work, timeout, advertise);
    }
  }

  /** The outcome of a kubectl run. */
  public record KubectlResult(int exitCode, String stdout, String stderr) {
    public boolean succeeded() {
      return exitCode == 0;
    }

    /** Throws with stdout and stderr in the message unless the run succeeded. */
    public KubectlResult assertSuccess() {
      if (exitCode != 0) {
        throw new AssertionError(
            "kubectl exited with " + exitCode + "\nstdout:\n" + stdout + "\nstderr:\n" + stderr);
      }
      return this;
    }
  }

  private final Options options;
  private final Path certDir;
  private final Path logDir;
  private final List<ManagedProcess> processes = Collections.synchronizedList(new ArrayList<>());
  private final Thread shutdownHook;
  private Pki.CertificateAuthority servingCa;
  private Pki.Credential admin;
  private Path kubeconfig;
  private int apiPort;
  private String etcdUrl;
  private volatile KubernetesClient client;
  private volatile boolean closed;
  private List<String> kcmCommand;
  private ManagedProcess kcm;
  private ManagedProcess apiserver;

  private ControlPlane(Options options) {
    this.options = options;
    this.certDir = options.workDir().resolve("certs");
    this.logDir = options.workDir().resolve("logs");
    this.shutdownHook = new Thread(this::stopProcesses, "aso-control-plane-shutdown");
  }

  /** Starts a control plane with default options. */
  public static ControlPlane start() {
    return start(Options.defaults());
  }

  /**
   * Starts etcd, kube-apiserver and kube-controller-manager and waits until the API server is
   * ready and the {@code default} namespace exists. Retries twice with other ports when a process
   * dies during start (a port taken between choosing and binding it).
   */
  public static ControlPlane start(Options options) {
    Options resolved = options.resolved();
    RuntimeException last = null;
    for (int attempt = 1; attempt <= 3; attempt++) {
      Options attemptOptions =
          attempt == 1
              ? resolved
              : resolved.withWorkDir(resolved.workDir().resolveSibling(
                  resolved.workDir().getFileName() + "-retry" + attempt));
      ControlPlane cp = new ControlPlane(attemptOptions);
      try {
        cp.doStart();
        return cp;
      } catch (ProcessDiedException e) {
        cp.close();
        if (!e.getMessage().contains("address already in use")) {
          throw e; // not a port race: retrying would fail the same way
        }
        last = e;
        System.err.println(PREFIX + "attempt " + attempt + " failed, retrying: " + e.getMessage());
      } catch (RuntimeException | Error e) {
        cp.close();
        throw e;
      }
    }
    throw last;
  }

  private void doStart() {
    long t0 = System.nanoTime();
    Deadline deadline = new Deadline(options.startTimeout());
    Runtime.getRuntime().addShutdownHook(shutdownHook);
    try {
      Files.createDirectories(certDir);
      Files.createDirectories(logDir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String advertise = options.advertiseAddress();

    // --- PKI (as envtest: a serving CA, a client CA, an admin in system:masters, an SA key)
    servingCa = Pki.CertificateAuthority.create("aso-test serving CA");
    List<String> sans =
        new ArrayList<>(
            List.of(
                "127.0.0.1",
                "localhost",
                "10.0.0.1",
                "kubernetes",
                "kubernetes.default",
                "kubernetes.default.svc",
                "kubernetes.default.svc.cluster.local"));
    if (!sans.contains(advertise)) {
      sans.add(advertise);
    }
    Pki.Credential serving = servingCa.issueServing(sans.toArray(String[]::new));
    Pki.CertificateAuthority clientCa = Pki.CertificateAuthority.create("aso-test client CA");
    admin = clientCa.issueClient(ADMIN_USER, "system:masters");
    var saKey = Pki.keyPair();
    write(certDir.resolve("ca.crt"), servingCa.certificatePem());
    write(certDir.resolve("apiserver.crt"), serving.certificatePem());
    write(certDir.resolve("apiserver.key"), serving.privateKeyPem());
    write(certDir.resolve("client-ca.crt"), clientCa.certificatePem());
    write(certDir.resolve("admin.crt"), admin.certificatePem());
    write(certDir.resolve("admin.key"), admin.privateKeyPem());
    write(certDir.resolve("sa.key"), Pki.pem(saKey.getPrivate()));
    write(certDir.resolve("sa.pub"), Pki.pem(saKey.getPublic()));

    long tPki = System.nanoTime();
    // --- etcd
    int etcdPort = freePort();
    int peerPort = freePort();
    apiPort = freePort();
    Path bin = options.binDir();
    etcdUrl = "http://127.0.0.1:" + etcdPort;
    String peerUrl = "http://127.0.0.1:" + peerPort;
    ManagedProcess etcd =
        launch(
            "etcd",
            List.of(
                bin.resolve("etcd").toString(),
                "--name=default",
                "--data-dir=" + options.workDir().resolve("etcd-data"),
                "--listen-client-urls=" + etcdUrl,
                "--advertise-client-urls=" + etcdUrl,
                "--listen-peer-urls=" + peerUrl,
                "--initial-advertise-peer-urls=" + peerUrl,
                "--initial-cluster=default=" + peerUrl,
                "--unsafe-no-fsync=true",
                "--log-level=warn"));
    HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    waitFor(
        "etcd /health",
        deadline,
        etcd,
        () -> httpOk(plain, URI.create(etcdUrl + "/health"), "\"health\":\"true\""));

    long tEtcd = System.nanoTime();
    // --- kube-apiserver
    String apiUrl = "https://127.0.0.1:" + apiPort;
    List<String> apiArgs =
        new ArrayList<>(
            List.of(
                bin.resolve("kube-apiserver").toString(),
                "--etcd-servers=" + etcdUrl,
                "--bind-address=127.0.0.1",
                "--secure-port=" + apiPort,
                "--advertise-address=" + advertise,
                "--endpoint-reconciler-type=none",
                "--cert-dir=" + certDir,
                "--tls-cert-file=" + certDir.resolve("apiserver.crt"),
                "--tls-private-key-file=" + certDir.resolve("apiserver.key"),
                "--client-ca-file=" + certDir.resolve("client-ca.crt"),
                "--service-account-issuer=" + apiUrl + "/",
                "--service-account-key-file=" + certDir.resolve("sa.pub"),
                "--service-account-signing-key-file=" + certDir.resolve("sa.key"),
                "--service-cluster-ip-range=10.0.0.0/24",
                "--authorization-mode=RBAC",
                "--disable-admission-plugins=ServiceAccount",
                "--allow-privileged=true",
                "--v=1"));
    apiserver = launch("kube-apiserver", apiArgs);
    HttpClient tls =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(2))
            .sslContext(Pki.sslContext(servingCa.certificate(), admin))
            .build();
    waitFor(
        "kube-apiserver /readyz",
        deadline,
        apiserver,
        () -> httpOk(tls, URI.create(apiUrl + "/readyz"), "ok"));

    long tApi = System.nanoTime();
    // --- admin kubeconfig, default namespace
    kubeconfig = options.workDir().resolve("admin.kubeconfig");
    write(kubeconfig, kubeconfigYaml(apiUrl, admin));
    waitFor(
        "namespace default",
        deadline,
        apiserver,
        () -> httpOk(tls, URI.create(apiUrl + "/api/v1/namespaces/default"), "\"name\":\"default\""));
    long tNs = System.nanoTime();

    // --- kube-controller-manager: garbage collector and namespace controller only
    kcmCommand =
        List.of(
            bin.resolve("kube-controller-manager").toString(),
            "--kubeconfig=" + kubeconfig,
            "--controllers=garbage-collector-controller,namespace-controller",
            "--leader-elect=false",
            "--secure-port=0",
            "--use-service-account-credentials=false",
            "--concurrent-gc-syncs=5",
            "--v=2");
    startControllerManager(deadline);
    long tKcm = System.nanoTime();
    System.err.println(
        PREFIX
            + String.format(
                "control plane ready in %.1f s (certificates %.1f, etcd %.1f, kube-apiserver %.1f,"
                    + " default namespace %.1f, kube-controller-manager %.1f): %s (etcd %s,"
                    + " kubeconfig %s, logs %s)",
                (tKcm - t0) / 1e9, (tPki - t0) / 1e9, (tEtcd - tPki) / 1e9, (tApi - tEtcd) / 1e9,
                (tNs - tApi) / 1e9, (tKcm - tNs) / 1e9, apiUrl, etcdUrl, kubeconfig, logDir));
  }

  /**
   * Starts kube-controller-manager and waits (no health endpoint with {@code --secure-port=0}) until
   * its log says the garbage collector's monitors and the namespace controller's caches synced.
   */
  private void startControllerManager(Deadline deadline) {
    long offset = logSize(logDir.resolve("kube-controller-manager.log"));
    kcm = launch("kube-controller-manager", kcmCommand);
    waitFor(
        "kube-controller-manager caches synced",
        deadline,
        kcm,
        () -> {
          String log = logSince(kcm.logFile(), offset);
          return log.contains("Proceeding to collect garbage")
              && log.contains("Caches are synced\" controller=\"namespace\"");
        });
    LOG.debug("kube-controller-manager pid {}", kcm.pid());
  }

  /**
   * Restarts kube-controller-manager. Its garbage collector re-reads discovery only every 30 s, so
   * owner references to kinds of CRDs created after its start are acted on late; a restart makes it
   * see them at once. {@link ManifestInstaller} does this after creating new CRDs.
   */
  public synchronized void restartControllerManager() {
    if (closed) {
      throw new IllegalStateException("control plane closed");
    }
    kcm.stop(10);
    processes.remove(kcm);
    startControllerManager(new Deadline(options.startTimeout()));
  }

  /**
   * Stops kube-apiserver for {@code duration} (SIGSTOP, then SIGCONT): connections stay open and
   * nothing answers, as with an API server that hangs (a long GC pause, a stalled etcd). For tests
   * of how clients recover; returns once it runs again.
   */
  public void pauseApiServer(Duration duration) {
    if (closed) {
      throw new IllegalStateException("control plane closed");
    }
    apiserver.pause(duration);
  }

  // ---------------------------------------------------------------- accessors

  /** {@code https://127.0.0.1:<port>}. */
  public URI apiServerUrl() {
    return URI.create("https://127.0.0.1:" + apiPort);
  }

  /**
   * {@code http://127.0.0.1:<port>}: etcd's client URL (plain HTTP, no authentication; its v3 JSON
   * gateway answers {@code POST /v3/kv/range}), for tests that check what kube-apiserver stored.
   */
  public URI etcdUrl() {
    return URI.create(etcdUrl);
  }

  /** The admin kubeconfig (client certificate CN=admin, O=system:masters), data inlined. */
  public Path kubeconfig() {
    return kubeconfig;
  }

  /** The directory with the certificates, logs, etcd data and kubeconfig of this control plane. */
  public Path workDir() {
    return options.workDir();
  }

  /** The directory with the etcd, kube-apiserver, kube-controller-manager and kubectl binaries. */
  public Path binDir() {
    return options.binDir();
  }

  /** Log files of the processes (one per process, under {@link #workDir()}/logs). */
  public List<Path> logFiles() {
    synchronized (processes) {
      return processes.stream().map(ManagedProcess::logFile).toList();
    }
  }

  /** PEM of the CA that signed the API server's serving certificate. */
  public String caCertificatePem() {
    return servingCa.certificatePem();
  }

  /** The admin client credential (for HTTP clients of one's own). */
  public Pki.Credential adminCredential() {
    return admin;
  }

  /** The shared fabric8 client (admin). Do not close it; {@link #close()} does. */
  public KubernetesClient client() {
    KubernetesClient c = client;
    if (c == null) {
      synchronized (this) {
        if (client == null) {
          client = newClient();
        }
        c = client;
      }
    }
    return c;
  }

  /** A new fabric8 client (admin) that the caller closes. */
  public KubernetesClient newClient() {
    Config config = Config.fromKubeconfig(kubeconfig.toFile());
    config.setRequestTimeout(30_000);
    config.setConnectionTimeout(10_000);
    return new KubernetesClientBuilder().withConfig(config).build();
  }

  /** Installs CRDs and webhook configurations, see {@link ManifestInstaller}. */
  public ManifestInstaller installer() {
    return new ManifestInstaller(client(), this::restartControllerManager);
  }

  /** Runs kubectl with the admin kubeconfig; times out after two minutes. */
  public KubectlResult kubectl(String... args) {
    return kubectlWithInput(null, args);
  }

  /** Runs kubectl with {@code stdin} as its standard input (e.g. {@code apply -f -}). */
  public KubectlResult kubectlWithInput(String stdin, String... args) {
    List<String> command = new ArrayList<>();
    command.add(options.binDir().resolve("kubectl").toString());
    command.add("--kubeconfig=" + kubeconfig);
    command.add("--cache-dir=" + options.workDir().resolve("kubectl-cache"));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().put("KUBECONFIG", kubeconfig.toString());
    try {
      Process p = pb.start();
      CompletableFuture<String> out = readAsync(p.getInputStream());
      CompletableFuture<String> err = readAsync(p.getErrorStream());
      try (OutputStream in = p.getOutputStream()) {
        if (stdin != null) {
          in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
      }
      if (!p.waitFor(2, TimeUnit.MINUTES)) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        throw new IllegalStateException("kubectl timed out: " + String.join(" ", command));
      }
      return new KubectlResult(p.exitValue(), out.join(), err.join());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Whether all processes are still running. */
  public boolean isRunning() {
    synchronized (processes) {
      return !closed && processes.stream().allMatch(ManagedProcess::isAlive);
    }
  }

  /** A description of the processes and the paths of their logs, for failure messages. */
  public String describe() {
    StringBuilder sb = new StringBuilder("control plane in ").append(options.workDir());
    synchronized (processes) {
      for (ManagedProcess p : processes) {
        sb.append("\n  ").append(p.describeExit()).append(", log: ").append(p.logFile());
      }
    }
    return sb.toString();
  }

  /** Stops the processes (tree-wide), closes the client and deletes the etcd data. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    KubernetesClient c = client;
    if (c != null) {
      try {
        c.close();
      } catch (RuntimeException ignored) {
        // closing anyway
      }
    }
    stopProcesses();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException | IllegalArgumentException shuttingDownOrNeverAdded) {
      // nothing to do
    }
    deleteTree(options.workDir().resolve("etcd-data"));
  }

  // ---------------------------------------------------------------- internals

  private void stopProcesses() {
    List<ManagedProcess> copy;
    synchronized (processes) {
      copy = new ArrayList<>(processes);
    }
    Collections.reverse(copy); // kube-controller-manager, kube-apiserver, etcd
    for (ManagedProcess p : copy) {
      p.stop(10);
    }
  }

  private ManagedProcess launch(String name, List<String> command) {
    ManagedProcess p = ManagedProcess.start(name, command, logDir.resolve(name + ".log"));
    processes.add(p);
    return p;
  }

  private static final class ProcessDiedException extends IllegalStateException {
    ProcessDiedException(String message) {
      super(message);
    }
  }

  private static final class Deadline {
    private final long end;
    private final Duration timeout;

    Deadline(Duration timeout) {
      this.timeout = timeout;
      this.end = System.nanoTime() + timeout.toNanos();
    }

    boolean passed() {
      return System.nanoTime() > end;
    }
  }

  private ProcessDiedException died(ManagedProcess p) {
    return new ProcessDiedException(
        p.describeExit()
            + " during start; log "
            + p.logFile()
            + ", last lines:\n"
            + p.logTail(30)
            + "\n"
            + describe());
  }

  private void waitFor(String what, Deadline deadline, ManagedProcess process, BooleanSupplier ok) {
    while (true) {
      if (ok.getAsBoolean()) {
        return;
      }
      if (!process.isAlive()) {
        throw died(process);
      }
      if (deadline.passed()) {
        throw new IllegalStateException(
            "timed out after "
                + deadline.timeout.toSeconds()
                + " s waiting for "
                + what
                + "; last lines of "
                + process.logFile()
                + ":\n"
                + process.logTail(30)
                + "\n"
                + describe());
      }
      sleep(Duration.ofMillis(200));
    }
  }

  private static boolean httpOk(HttpClient http, URI uri, String bodyContains) {
    try {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET().build(),
              HttpResponse.BodyHandlers.ofString());
      return r.statusCode() == 200 && r.body().contains(bodyContains);
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private String kubeconfigYaml(String server, Pki.Credential user) {
    Base64.Encoder b64 = Base64.getEncoder();
    Map<String, String> data =
        Map.of(
            "ca", b64.encodeToString(servingCa.certificatePem().getBytes(StandardCharsets.US_ASCII)),
            "cert", b64.encodeToString(user.certificatePem().getBytes(StandardCharsets.US_ASCII)),
            "key", b64.encodeToString(user.privateKeyPem().getBytes(StandardCharsets.US_ASCII)));
    return "apiVersion: v1\n"
        + "kind: Config\n"
        + "clusters:\n"
        + "- name: aso-test\n"
        + "  cluster:\n"
        + "    server: " + server + "\n"
        + "    certificate-authority-data: " + data.get("ca") + "\n"
        + "users:\n"
        + "- name: admin\n"
        + "  user:\n"
        + "    client-certificate-data: " + data.get("cert") + "\n"
        + "    client-key-data: " + data.get("key") + "\n"
        + "contexts:\n"
        + "- name: aso-test\n"
        + "  context:\n"
        + "    cluster: aso-test\n"
        + "    user: admin\n"
        + "    namespace: default\n"
        + "current-context: aso-test\n";
  }

  static String hostAddress() {
    try {
      List<NetworkInterface> nics = Collections.list(NetworkInterface.getNetworkInterfaces());
      for (NetworkInterface nic : nics) {
        if (!nic.isUp() || nic.isLoopback()) {
          continue;
        }
        for (InetAddress a : Collections.list(nic.getInetAddresses())) {
          if (a instanceof Inet4Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress()) {
            return a.getHostAddress();
          }
        }
      }
    } catch (SocketException e) {
      // fall through
    }
    // No usable interface: loopback works with --endpoint-reconciler-type=none.
    return "127.0.0.1";
  }

  static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      s.setReuseAddress(true);
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static final ExecutorService READERS =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "aso-kubectl-output");
            t.setDaemon(true);
            return t;
          });

  private static CompletableFuture<String> readAsync(InputStream in) {
    return CompletableFuture.supplyAsync(
        () -> {
          try (in) {
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            in.transferTo(buf);
            return buf.toString(StandardCharsets.UTF_8);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        },
        READERS);
  }

  private static long logSize(Path file) {
    try {
      return Files.exists(file) ? Files.size(file) : 0;
    } catch (IOException e) {
      return 0;
    }
  }

  private static String logSince(Path file, long offset) {
    try (var ch = java.nio.channels.FileChannel.open(file)) {
      ch.position(offset);
      return new String(
          java.nio.channels.Channels.newInputStream(ch).readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  private static void write(Path file, String text) {
    try {
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException ignored) {
      // best effort
    }
  }
}
