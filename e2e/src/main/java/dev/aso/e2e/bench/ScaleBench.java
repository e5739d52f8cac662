package dev.aso.e2e.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aso.e2e.stack.E2eStack;
import dev.aso.e2e.stack.OperatorSettings;
import dev.aso.testsupport.ControlPlane;
import dev.aso.testsupport.ManagedProcess;
import dev.aso.testsupport.deployables.JavaCommand;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The scale benchmark ({@code hack/bench-scale.sh}): the real control plane with every generated CRD, the webhook
 * server and the ARM emulator as processes (as the end-to-end tests run them), the controller as its own JVM with
 * leader election on; N resources of five kinds over up to 100 namespaces applied in parallel; then a controller
 * restart and a steady-state window. Prints the figures; every wait is bounded.
 *
 * <p>Usage: {@code ScaleBench --bin DIR --work DIR [--resources N] [--namespaces N] [--latency]
 * [--sync-period SECONDS] [--steady-window SECONDS] [--timeout SECONDS] [--heap MiB] [--replicas N]
 * [--arm-writes-per-second N] [--arm-reads-per-second N] [--reconcilers N] [--native-memory]}.
 */
public final class ScaleBench {

  /** The controller's start line: every cache synced, or some lists still being retried (then named on the line). */
  private static final Pattern SYNCED = Pattern.compile("informers started (and caches synced )?in (\\d+) ms");
  private static final String LEASE = "controllers-leader-election-azinfra-generated";

  private final Map<String, String> args;
  private final ScaleWorkload workload;
  private final Duration timeout;
  private final Instant deadline;
  private final HttpClient http = HttpClient.newHttpClient();
  private E2eStack stack;
  private ArmTraffic traffic;
  private final Map<ManagedProcess, Integer> metricsPorts = new HashMap<>();
  private ControlPlane controlPlane;
  private long apiServerPeakRss = -1;
  private long etcdPeakRss = -1;
  private int nativeSummaries;

  private ScaleBench(Map<String, String> args) {
    this.args = args;
    this.workload = new ScaleWorkload(intArg("resources", 50_000), intArg("namespaces", 100));
    this.timeout = Duration.ofSeconds(intArg("timeout", 3_600));
    this.deadline = Instant.now().plus(timeout);
  }

  public static void main(String[] argv) throws Exception {
    Map<String, String> args = new HashMap<>();
    boolean ok;
    for (int i = 0; i < argv.length; i++) {
      String flag = argv[i].replaceFirst("^--", "");
      args.put(flag, flag.equals("latency") || flag.equals("native-memory") ? "true" : argv[++i]);
    }
    try (ControlPlane cp = ControlPlane.start(ControlPlane.Options.defaults()
        .withBinDir(Path.of(args.get("bin"))).withWorkDir(Path.of(args.get("work")).resolve("control-plane"))
        .withAdvertiseAddress("127.0.0.1"))) {
      ok = new ScaleBench(args).run(cp);
    }
    System.exit(ok ? 0 : 1);
  }

  /** The whole run; false when a target that cannot depend on the machine's load failed. */
  private boolean run(ControlPlane cp) throws Exception {
    controlPlane = cp;
    boolean latency = args.containsKey("latency");
    // by default long enough that the resyncs' reads (one per resource a period) stay under ARM's 25 reads/s
    Duration sync = Duration.ofSeconds(intArg("sync-period", Math.max(120, workload.resources() / 20)));
    say("%d resources (%d groups of %d kinds) over %d namespaces, %s ARM latency, sync period %d s, bound %d s",
        workload.resources(), workload.groups(), ScaleWorkload.PER_GROUP, workload.namespaceNames().size(),
        latency ? "realistic (PUT +2 s, operations 10-60 s)" : "no", sync.toSeconds(), timeout.toSeconds());
    stack = E2eStack.start(cp);
    say("control plane, webhook server and %d CRDs up", cp.client().apiextensions().v1().customResourceDefinitions()
        .list().getItems().size());
    traffic = new ArmTraffic(stack.armAdmin());
    if (latency) {
      realisticLatency();
    }
    KubernetesClient kube = cp.client();
    Instant started = Instant.now();
    int replicas = intArg("replicas", 1);
    List<ManagedProcess> controllers = new ArrayList<>();
    for (int k = 0; k < replicas; k++) {
      controllers.add(startController("scale-a" + k, sync, replicas));
    }
    for (ManagedProcess c : controllers) {
      awaitSynced(c);
    }
    ManagedProcess controller = controllers.get(0);
    memory("controller with no resources (every CRD watched)", controller);
    Map<String, Long> emptyHeap = histogram(controller, "no-resources");
    long reconcilesBefore = reconciles(controllers);
    ApiServerWrites writesBefore = ApiServerWrites.parse(cp.client().raw("/metrics"));

    Instant createStart = Instant.now();
    create(kube);
    Duration applied = Duration.between(createStart, Instant.now());
    say("applied %d objects in %.1f s (server-side apply, 16 threads)", workload.resources(), seconds(applied));
    Duration toReady = awaitAllReady(kube, createStart);
    long reconciles = reconciles(controllers) - reconcilesBefore;
    ArmTraffic.Counts creation = traffic.since(createStart);
    say("all %d Ready %.1f s after the first apply (%d replica%s); %d reconciles (%.1f/s); ARM %d reads, %d writes,"
        + " %d answered 429, %d reads and %d writes over ARM's buckets", workload.resources(), seconds(toReady),
        replicas, replicas > 1 ? "s, SHARD_COUNT=" + replicas : "", reconciles, reconciles / seconds(toReady),
        creation.reads(), creation.writes(), creation.throttled(), creation.overReadBudget(),
        creation.overWriteBudget());
    say("kube-apiserver writes and webhook calls per resource, from the first apply to all Ready:");
    ApiServerWrites.parse(cp.client().raw("/metrics")).since(writesBefore, workload.resources())
        .forEach((what, perResource) -> say("  %6.2f  %s", perResource, what));
    for (ManagedProcess c : controllers) {
      memory("controller " + c.name() + " after all Ready", c);
    }
    growth(controller, emptyHeap);
    if (replicas > 1) {
      say("restart and steady state are measured with one replica: stopping");
      controllers.forEach(c -> c.stop(30));
      traffic.close();
      stack.close();
      return creation.throttled() == 0;
    }

    say("restarting the controller (SIGTERM, then a new process)");
    controller.stop(30);
    LeaseRenewals leases = new LeaseRenewals(kube, OperatorSettings.NAMESPACE, LEASE);
    ApiServerLists listsBefore = ApiServerLists.parse(cp.client().raw("/metrics"));
    Instant restart = Instant.now();
    ManagedProcess second = startController("scale-b", sync, 1);
    long syncedMs = awaitSynced(second);
    Duration startToSynced = Duration.between(restart, Instant.now());
    ApiServerLists lists = ApiServerLists.parse(cp.client().raw("/metrics")).since(listsBefore);
    nativeMemory("restarted controller, caches just synced", second);
    Thread.sleep(10_000); // renewals after the sync too
    leases.close();
    say("restart: process start to all caches synced %.1f s (informers %d ms), %d existing resources; Lease: %s",
        seconds(startToSynced), syncedMs, workload.resources(), leases.summary("scale-b"));
    say("restart: kube-apiserver answered %.0f LIST requests, %.1f MiB (STREAMING_LISTS=%s)", lists.requests(),
        lists.responseBytes() / (1 << 20), System.getenv().getOrDefault("STREAMING_LISTS", "auto"));

    Instant window = Instant.now();
    Duration length = args.containsKey("steady-window") ? Duration.ofSeconds(intArg("steady-window", 0))
        : sync.plus(sync.dividedBy(4));
    say("steady-state window: %d s (%s), no change made", length.toSeconds(), args.containsKey("steady-window")
        ? "--steady-window, " + Math.round(100.0 * length.toSeconds() / sync.toSeconds()) + " % of the sync period"
        : "the sync period + 25 % jitter");
    sleepBounded(length);
    ArmTraffic.Counts steady = traffic.since(window);
    double hours = seconds(Duration.between(window, Instant.now())) / 3600;
    say("steady state: ARM %d reads (%.0f/h), %d writes (%.0f/h), %d answered 429", steady.reads(),
        steady.reads() / hours, steady.writes(), steady.writes() / hours, steady.throttled());
    memory("controller at steady state", second);
    ServerRss rss = sampleServerRss();
    say("kube-apiserver RSS %d MiB (peak %d MiB), etcd RSS %d MiB (peak %d MiB); peaks sampled at every poll for"
        + " Ready and at the end", mib(rss.apiServer()), mib(apiServerPeakRss), mib(rss.etcd()), mib(etcdPeakRss));
    say("total %.0f s since the controller first started", seconds(Duration.between(started, Instant.now())));
    boolean ok = steady.writes() == 0 && (!latency || creation.overWriteBudget() == 0 && creation.throttled() == 0);
    say(ok ? "OK" : "FAILED: writes at steady state, or over ARM's write budget");
    traffic.close();
    second.stop(30);
    stack.close();
    return ok;
  }

  /** Every PUT answered 2 s late; long-running operations of 10 s (60 s for storage accounts, 20 s for containers). */
  private void realisticLatency() {
    stack.armAdmin().addFault(Map.of("method", "PUT", "delayMs", 2000));
    stack.armAdmin().setLro(Map.of("put", true, "polls", 1, "durationMs", 10_000, "retryAfterSeconds", 5));
    stack.armAdmin().setLro(Map.of("resourceType", "Microsoft.Storage/storageAccounts", "put", true, "polls", 1,
        "durationMs", 60_000, "retryAfterSeconds", 10));
    stack.armAdmin().setLro(Map.of("resourceType", "Microsoft.Storage/storageAccounts/blobServices/containers",
        "put", true, "polls", 1, "durationMs", 20_000, "retryAfterSeconds", 5));
  }

  /**
   * The controller deployable in its own JVM, sized like the chart's pod (1 GiB limit, 65 % of it heap), leader
   * election on; with more than one replica, SHARD_COUNT is the number of replicas.
   */
  private ManagedProcess startController(String name, Duration sync, int replicas) throws IOException {
    int metricsPort = freePort();
    List<String> command = new ArrayList<>(JavaCommand.of("controller", "dev.aso.controller.Main", List.of(
        "--crd-management=none", "--metrics-addr=127.0.0.1:" + metricsPort,
        "--health-addr=127.0.0.1:" + freePort())));
    // JavaCommand's quick-start JVM stops at C1; the bench wants the production JIT and the chart's heap
    command.remove("-XX:TieredStopAtLevel=1");
    command.add(1, "-Xmx" + intArg("heap", 665) + "m");
    command.add(1, "-XX:+ExitOnOutOfMemoryError");
    if (args.containsKey("native-memory")) {
      command.add(1, NativeMemory.OPTION);
    }
    Map<String, String> env = new HashMap<>(Map.of("KUBECONFIG", stack.controlPlane().kubeconfig().toString(),
        "POD_NAMESPACE", OperatorSettings.NAMESPACE, "HOSTNAME", name,
        "AZURE_SYNC_PERIOD", sync.toSeconds() + "s", "ASO_LOG_LEVEL", "INFO", "SHARD_COUNT", Integer.toString(replicas)));
    if (args.containsKey("arm-writes-per-second")) { // ARM's 10/s makes 50,000 creates take at least 83 minutes
      env.put("ARM_WRITES_PER_SECOND", args.get("arm-writes-per-second"));
    }
    if (args.containsKey("arm-reads-per-second")) { // a create reads twice: ARM's 25/s allow 12 creates a second
      env.put("ARM_READS_PER_SECOND", args.get("arm-reads-per-second"));
    }
    if (args.containsKey("reconcilers")) { // with 2 s per PUT, the default 4 threads PUT at most 2 a second
      env.put("MAX_CONCURRENT_RECONCILES", args.get("reconcilers"));
    }
    Path log = stack.controlPlane().workDir().resolve("controller-" + name + ".log");
    ManagedProcess process = ManagedProcess.start(name, command, env, log);
    metricsPorts.put(process, metricsPort);
    return process;
  }

  private long awaitSynced(ManagedProcess controller) {
    Matcher m = controller.awaitLogLine(SYNCED, remaining());
    if (m.group(1) == null) {
      say("%s: some informers not synced at start, their lists retried (see its log)", controller.name());
    }
    return Long.parseLong(m.group(2));
  }

  private void create(KubernetesClient kube) throws Exception {
    for (String ns : workload.namespaceNames()) {
      kube.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build())
          .serverSideApply();
    }
    ExecutorService pool = Executors.newFixedThreadPool(16);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int g = 0; g < workload.groups(); g++) {
        List<String> docs = workload.group(g);
        done.add(pool.submit(() -> docs.forEach(yaml -> kube.resource(kube.getKubernetesSerialization()
            .unmarshal(yaml, GenericKubernetesResource.class)).fieldManager("bench-scale").forceConflicts()
            .serverSideApply())));
      }
      for (Future<?> f : done) {
        f.get(remaining().toMillis(), TimeUnit.MILLISECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * Polls every kind's list until every object is Ready for its generation. Lists at the storage version from the
   * API server's watch cache (resourceVersion 0): at any other version the API server would call the conversion
   * webhook for every object of every poll, and a list from etcd decodes every object: load that is the bench's, not
   * the controller's.
   */
  private Duration awaitAllReady(KubernetesClient kube, Instant since) throws InterruptedException {
    List<CustomResourceDefinition> crds = kube.apiextensions().v1().customResourceDefinitions().list().getItems();
    List<String[]> stored = new ArrayList<>();
    for (String[] kind : ScaleWorkload.KINDS) {
      stored.add(new String[] {storageApiVersion(crds, kind[0], kind[1]), kind[1]});
    }
    // a poll of 50,000 objects is itself work (for the server and this JVM): 20 s apart there, under 1 % of the run
    long pause = Math.max(5_000, workload.resources() * 2L / 5);
    int last = -1;
    while (true) {
      int ready = 0;
      try {
        for (String[] kind : stored) {
          ready += countReady(kube, kind[0], kind[1]);
        }
        sampleServerRss();
      } catch (KubernetesClientException e) { // a starved kube-apiserver: look again, within the bound
        say("  listing failed (%s); trying again", e.getMessage());
        ready = -1;
      }
      if (ready == workload.groups() * ScaleWorkload.PER_GROUP) {
        return Duration.between(since, Instant.now());
      }
      if (ready >= 0 && ready != last) {
        say("  %d Ready after %.0f s", ready, seconds(Duration.between(since, Instant.now())));
        last = ready;
      }
      if (Instant.now().isAfter(deadline)) {
        throw new IllegalStateException("only " + ready + " of " + workload.resources() + " Ready within --timeout");
      }
      Thread.sleep(pause);
    }
  }

  /** The apiVersion whose objects the API server stores for the kind, from its CRD. */
  private static String storageApiVersion(List<CustomResourceDefinition> crds, String apiVersion, String kind) {
    String group = apiVersion.substring(0, apiVersion.indexOf('/'));
    return crds.stream()
        .filter(crd -> crd.getSpec().getGroup().equals(group) && crd.getSpec().getNames().getKind().equals(kind))
        .flatMap(crd -> crd.getSpec().getVersions().stream()).filter(v -> Boolean.TRUE.equals(v.getStorage()))
        .map(v -> group + "/" + v.getName()).findFirst()
        .orElseThrow(() -> new IllegalStateException("no CRD stores " + apiVersion + " " + kind));
  }

  private static int countReady(KubernetesClient kube, String apiVersion, String kind) {
    int ready = 0;
    String token = null;
    do {
      GenericKubernetesResourceList page = kube.genericKubernetesResources(apiVersion, kind).inAnyNamespace()
          .list(new ListOptionsBuilder().withLimit(500L).withContinue(token).withResourceVersion(token == null ? "0" : null).build());
      for (GenericKubernetesResource r : page.getItems()) {
        JsonNode o = kube.getKubernetesSerialization().convertValue(r, JsonNode.class);
        for (JsonNode c : o.path("status").path("conditions")) {
          if (c.path("type").asText().equals("Ready") && c.path("status").asText().equals("True")
              && c.path("observedGeneration").asLong() == o.path("metadata").path("generation").asLong()) {
            ready++;
          }
        }
      }
      token = page.getMetadata().getContinue();
    } while (token != null && !token.isEmpty());
    return ready;
  }

  /** RSS, its peak, the heap in use, and the live heap (in use after a full collection, by jcmd GC.run). */
  private void memory(String what, ManagedProcess process) throws IOException, InterruptedException {
    nativeMemory(what, process);
    String status = Files.readString(Path.of("/proc", Long.toString(process.pid()), "status"));
    long used = heapUsed(process);
    Jcmd.run(process.pid(), "GC.run");
    say("%s: RSS %d MiB (peak %d MiB), heap used %d MiB, live heap %d MiB, %s threads", what,
        kib(status, "VmRSS") / 1024, kib(status, "VmHWM") / 1024, mib(used),
        mib(heapUsed(process)), field(status, "Threads"));
  }

  /** With --native-memory: the controller's memory outside the heap by category, saved as native-memory-*.txt. */
  private void nativeMemory(String what, ManagedProcess process) throws IOException, InterruptedException {
    if (args.containsKey("native-memory")) {
      Path file = Path.of(args.get("work")).resolve(process.name() + "-native-memory-" + ++nativeSummaries + ".txt");
      say("%s: %s", what, NativeMemory.line(NativeMemory.summary(process.pid(), file)));
    }
  }

  /**
   * The controller's live bytes by class (jcmd GC.class_histogram, which collects first), the whole histogram saved as
   * {@code <work>/<name>-histogram-<step>.txt}.
   */
  private Map<String, Long> histogram(ManagedProcess process, String step) throws IOException, InterruptedException {
    String out = Jcmd.run(process.pid(), "GC.class_histogram");
    Files.writeString(Path.of(args.get("work")).resolve(process.name() + "-histogram-" + step + ".txt"), out);
    Map<String, Long> bytes = new HashMap<>();
    Matcher row = Pattern.compile("(?m)^\\s*\\d+:\\s+\\d+\\s+(\\d+)\\s+(\\S+)").matcher(out);
    while (row.find()) {
      bytes.merge(row.group(2), Long.parseLong(row.group(1)), Long::sum);
    }
    return bytes;
  }

  /** The classes whose live bytes grew most from {@code before} to now, per resource: what a resource costs. */
  private void growth(ManagedProcess process, Map<String, Long> before) throws IOException, InterruptedException {
    Map<String, Long> after = histogram(process, "all-ready");
    say("%s: live bytes per resource by class, since no resources (largest growth first):", process.name());
    after.entrySet().stream()
        .map(e -> Map.entry(e.getKey(), e.getValue() - before.getOrDefault(e.getKey(), 0L)))
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(10)
        .forEach(e -> say("  %8.0f B  %s", (double) e.getValue() / workload.resources(), e.getKey()));
  }

  /** The heap in use from the controller's metrics; -1 when they do not answer (a starved machine: seen at load 24). */
  private long heapUsed(ManagedProcess process) {
    try {
      return (long) metric(process, "jvm_memory_used_bytes{area=\"heap\"");
    } catch (java.io.UncheckedIOException e) {
      say("  (the controller's /metrics did not answer: %s)", e.getCause());
      return -1;
    }
  }

  private static String field(String procStatus, String name) {
    Matcher m = Pattern.compile("(?m)^" + name + ":\\s+(\\d+)").matcher(procStatus);
    return m.find() ? m.group(1) : "-1";
  }

  private static long kib(String procStatus, String field) {
    return Long.parseLong(field(procStatus, field));
  }

  private long reconciles(List<ManagedProcess> controllers) {
    return controllers.stream().mapToLong(c -> (long) metric(c, "aso_reconcile_duration_seconds_count")).sum();
  }

  /** The sum of a controller's metric lines starting with {@code prefix} (all label sets). */
  private double metric(ManagedProcess controller, String prefix) {
    return get(URI.create("http://127.0.0.1:" + metricsPorts.get(controller) + "/metrics")).lines()
        .filter(l -> l.startsWith(prefix) && (prefix.contains("{") || l.charAt(prefix.length()) == '{'
            || l.charAt(prefix.length()) == ' '))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
  }

  private record ServerRss(long apiServer, long etcd) {}

  /** kube-apiserver's and etcd's RSS now (from their /metrics), kept as the peaks when higher. */
  private ServerRss sampleServerRss() {
    ServerRss now = new ServerRss(gauge(controlPlane.client().raw("/metrics"), "process_resident_memory_bytes"),
        gauge(get(controlPlane.etcdUrl().resolve("/metrics")), "process_resident_memory_bytes"));
    apiServerPeakRss = Math.max(apiServerPeakRss, now.apiServer());
    etcdPeakRss = Math.max(etcdPeakRss, now.etcd());
    return now;
  }

  private static long gauge(String metrics, String name) {
    return metrics.lines().filter(l -> l.startsWith(name + " ")).mapToLong(l -> (long) Double.parseDouble(
        l.substring(name.length() + 1))).findFirst().orElse(-1);
  }

  private String get(URI uri) {
    try {
      return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60)).build(),
          HttpResponse.BodyHandlers.ofString()).body();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private Duration remaining() {
    Duration d = Duration.between(Instant.now(), deadline);
    if (d.isNegative()) {
      throw new IllegalStateException("--timeout of " + timeout.toSeconds() + " s reached");
    }
    return d;
  }

  private void sleepBounded(Duration d) throws InterruptedException {
    Thread.sleep(Math.min(d.toMillis(), remaining().toMillis()));
  }

  private int intArg(String name, int dflt) {
    return args.containsKey(name) ? Integer.parseInt(args.get(name)) : dflt;
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static double seconds(Duration d) {
    return d.toMillis() / 1000.0;
  }

  private static long mib(long bytes) {
    return bytes < 0 ? -1 : bytes / (1024 * 1024);
  }

  private static void say(String format, Object... values) {
    System.out.printf("bench-scale: " + format + "%n", values);
  }
}
