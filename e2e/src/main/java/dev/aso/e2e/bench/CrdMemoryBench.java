package dev.aso.e2e.bench;

import dev.aso.e2e.stack.GeneratedManifests;
import dev.aso.testsupport.ControlPlane;
import dev.aso.testsupport.ManifestInstaller;
import dev.aso.testsupport.deployables.JavaCommand;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What our CRDs cost kube-apiserver in memory ({@code hack/bench-crd-memory.sh}): its RSS with no
 * CRD, after the CRDs of every ASO kind (the api module's), and after every CRD that
 * {@code codegen --all-types} generates, installed in batches; printed per CRD and written to a
 * section of docs/performance.md.
 *
 * <p>After each batch every new kind is listed once and after each step the OpenAPI documents are
 * fetched (v2, and v3 of every group version), as controllers and kubectl do in a real cluster, so
 * that what kube-apiserver builds on first use is counted too (it builds a CRD's storage, watch
 * caches and validators on the first request for its resources, not when the CRD is created).
 *
 * <p>Usage: {@code CrdMemoryBench --bin DIR --types DIR --work DIR --doc FILE [--batch N] [--max N]
 * [--max-rss-mib N] [--strip-descriptions] [--drop-twins] [--heap-profile]}.
 */
public final class CrdMemoryBench {

  private final ControlPlane cp;
  private final KubernetesClient client;
  private final ApiServerMemory memory;
  private final CrdTransforms transforms;
  private final Path work;
  /** kube-apiserver refuses request bodies over 3 MiB; etcd refuses values over 1.5 MiB. */
  static final long MAX_REQUEST_BYTES = 3L * 1024 * 1024;

  private final Set<String> installed = new HashSet<>();
  private final Set<String> installedKinds = new HashSet<>();
  private boolean stoppedByRss;
  private final List<Refused> refused = new ArrayList<>();

  /** A generated CRD the API server did not take, and why. */
  record Refused(String name, long bytes, String reason) {}

  private CrdMemoryBench(ControlPlane cp, BenchArgs a) {
    this.cp = cp;
    this.client = cp.client();
    this.memory = new ApiServerMemory(client);
    this.transforms = new CrdTransforms(client.getKubernetesSerialization(), a);
    this.work = a.work();
  }

  record Step(String what, int crds, int servedVersions, long yamlBytes, ApiServerMemory.Sample after) {}

  public static void main(String[] args) throws Exception {
    BenchArgs a = BenchArgs.parse(args);
    long t0 = System.nanoTime();
    Path generated = generateAllTypes(a);
    try (ControlPlane cp = ControlPlane.start(ControlPlane.Options.defaults()
        .withBinDir(a.bin()).withWorkDir(a.work().resolve("control-plane"))
        .withAdvertiseAddress("127.0.0.1"))) {
      CrdMemoryBench bench = new CrdMemoryBench(cp, a);
      List<Step> steps = bench.run(a, generated);
      String section = Report.markdown(steps, bench.refused(), bench.stoppedByRss(), a,
          bench.transforms.describe(), LocalDate.now(),
          (System.nanoTime() - t0) / 1e9);
      Report.writeSection(a.doc(), section);
      System.out.println();
      System.out.println(section);
      System.out.println("written to " + a.doc());
    }
  }

  /** Runs {@code codegen --all-types} in its own JVM; returns its CRD directory. */
  static Path generateAllTypes(BenchArgs a) throws IOException, InterruptedException {
    Path out = a.work().resolve("all-types");
    say("generating every resource type of " + a.types() + " (codegen --all-types) into " + out);
    Process codegen = new ProcessBuilder(JavaCommand.of(null, "dev.aso.codegen.Main", List.of(
            "--types", a.types().toString(), "--all-types",
            "--report", a.work().resolve("all-types-report.txt").toString(),
            "--out", out.toString())))
        .redirectErrorStream(true)
        .redirectOutput(a.work().resolve("codegen.log").toFile())
        .start();
    if (codegen.waitFor() != 0) {
      throw new IllegalStateException("codegen --all-types failed; see " + a.work().resolve("codegen.log"));
    }
    Path crds = out.resolve("generated-resources/codegen/crds");
    if (!Files.isDirectory(crds)) {
      throw new IllegalStateException("codegen wrote no CRDs under " + crds);
    }
    return crds;
  }

  List<Step> run(BenchArgs a, Path allTypesCrds) throws IOException {
    List<Step> steps = new ArrayList<>();
    touchOpenApi();
    ApiServerMemory.Sample baseline = memory.settled(15_000, 5);
    steps.add(new Step("no CRD", 0, 0, 0, baseline));
    say(String.format(Locale.ROOT, "baseline: RSS %.1f MiB, live heap %.1f MiB",
        baseline.rssMiB(), baseline.liveMiB()));
    saveHeapProfile(a, 0);

    List<CustomResourceDefinition> seed = new GeneratedManifests(client).crds();
    steps.add(install("every ASO kind's CRD (api module)", seed, a, baseline));
    saveHeapProfile(a, 1);

    List<CustomResourceDefinition> all = new ArrayList<>();
    try (Stream<Path> files = Files.list(allTypesCrds)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
        if (Files.size(f) > MAX_REQUEST_BYTES) {
          refused.add(new Refused(f.getFileName().toString(), Files.size(f),
              "larger than kube-apiserver's 3 MiB request limit (not sent)"));
          continue;
        }
        try (InputStream in = Files.newInputStream(f)) {
          for (HasMetadata o : client.load(in).items()) {
            if (o instanceof CustomResourceDefinition crd
                && !installed.contains(crd.getMetadata().getName())
                && !installedKinds.contains(groupKind(crd))) {
              all.add(crd);
            }
          }
        }
      }
    }
    if (a.max() > 0 && all.size() > a.max()) {
      say("installing the first " + a.max() + " of " + all.size() + " generated CRDs (--max)");
      all = all.subList(0, a.max());
    }
    steps.add(install("every other CRD of codegen --all-types", all, a, steps.get(1).after()));
    saveHeapProfile(a, 2);
    return steps;
  }

  /** With --heap-profile: kube-apiserver's heap profile after step {@code step}, as heap-{step}.pb.gz. */
  private void saveHeapProfile(BenchArgs a, int step) throws IOException {
    if (a.heapProfile()) {
      Path file = work.resolve("heap-" + step + ".pb.gz");
      memory.saveHeapProfile(file);
      say("heap profile written to " + file);
    }
  }

  /** Installs the CRDs in batches, printing one line per CRD; returns the step's totals. */
  private Step install(String what, List<CustomResourceDefinition> crds, BenchArgs a,
      ApiServerMemory.Sample before) {
    say(what + ": " + crds.size() + " CRDs, in batches of " + a.batch());
    int installedBefore = installed.size();
    ManifestInstaller installer = cp.installer().timeout(Duration.ofSeconds(120));
    int versions = 0;
    long bytes = 0;
    ApiServerMemory.Sample last = before;
    for (int from = 0; from < crds.size(); from += a.batch()) {
      List<CustomResourceDefinition> batch = new ArrayList<>();
      for (CustomResourceDefinition original : crds.subList(from, Math.min(crds.size(), from + a.batch()))) {
        CustomResourceDefinition crd = transforms.apply(original);
        try {
          client.resource(crd).fieldManager("bench-crd-memory").forceConflicts().serverSideApply();
          batch.add(crd);
        } catch (KubernetesClientException e) {
          refused.add(new Refused(crd.getMetadata().getName(),
              client.getKubernetesSerialization().asJson(crd).length(), firstLine(e.getMessage())));
          System.out.printf("  %-72s refused: %s%n", crd.getMetadata().getName(), firstLine(e.getMessage()));
        }
      }
      for (CustomResourceDefinition crd : List.copyOf(batch)) {
        try {
          installer.waitUntilServed(crd);
        } catch (IllegalStateException e) {
          refused.add(new Refused(crd.getMetadata().getName(),
              client.getKubernetesSerialization().asJson(crd).length(), firstLine(e.getMessage())));
          System.out.printf("  %-72s not served: %s%n", crd.getMetadata().getName(), firstLine(e.getMessage()));
          client.resource(crd).delete();
          batch.remove(crd);
        }
      }
      if (batch.isEmpty()) {
        continue;
      }
      listOnce(batch);
      ApiServerMemory.Sample now = memory.settled(2_000, 1);
      double perCrd = (now.rssBytes() - last.rssBytes()) / 1048576.0 / batch.size();
      for (CustomResourceDefinition crd : batch) {
        int served = (int) crd.getSpec().getVersions().stream()
            .filter(CustomResourceDefinitionVersion::getServed).count();
        long size = client.getKubernetesSerialization().asJson(crd).length();
        versions += served;
        bytes += size;
        installed.add(crd.getMetadata().getName());
        installedKinds.add(groupKind(crd));
        System.out.printf(Locale.ROOT, "  %-72s %2d versions %7.1f KiB  RSS %7.1f MiB (%+.2f MiB/CRD in its batch)%n",
            crd.getMetadata().getName(), served, size / 1024.0, now.rssMiB(), perCrd);
      }
      last = now;
      if (now.rssMiB() > a.maxRssMib()) {
        say(String.format(Locale.ROOT, "kube-apiserver's RSS reached %.0f MiB, over --max-rss-mib %d:"
            + " no more CRDs (to protect the machine)", now.rssMiB(), a.maxRssMib()));
        stoppedByRss = true;
        break;
      }
    }
    touchOpenApi();
    ApiServerMemory.Sample after = memory.settled(20_000, 5);
    say(String.format(Locale.ROOT, "%s: RSS %.1f MiB (%+.1f), live heap %.1f MiB (%+.1f)",
        what, after.rssMiB(), after.rssMiB() - before.rssMiB(), after.liveMiB(),
        after.liveMiB() - before.liveMiB()));
    return new Step(what, installed.size() - installedBefore, versions, bytes, after);
  }

  /** Fetches /openapi/v2 and the v3 document of every group version, as clients do. */
  private void touchOpenApi() {
    client.raw("/openapi/v2");
    String index = client.raw("/openapi/v3");
    java.util.regex.Matcher m = java.util.regex.Pattern
        .compile("\"(apis/[^\"]+)\":\\{\"serverRelativeURL\":\"([^\"]+)\"").matcher(index);
    while (m.find()) {
      client.raw(m.group(2));
    }
  }

  List<Refused> refused() {
    return refused;
  }

  boolean stoppedByRss() {
    return stoppedByRss;
  }

  /**
   * Lists each CRD's resources once (at its storage version when served), as a controller watching the kind
   * does: kube-apiserver builds a CRD's serving state (a storage with its own watch cache and etcd
   * client, validators and converters for every version) on the first request, not on creation.
   */
  private void listOnce(List<CustomResourceDefinition> crds) {
    for (CustomResourceDefinition crd : crds) {
      List<CustomResourceDefinitionVersion> served = crd.getSpec().getVersions().stream()
          .filter(CustomResourceDefinitionVersion::getServed).toList();
      String version = served.stream().filter(CustomResourceDefinitionVersion::getStorage).findFirst()
          .orElse(served.get(0)).getName();
      client.raw("/apis/" + crd.getSpec().getGroup() + "/" + version + "/" + crd.getSpec().getNames().getPlural()
          + "?limit=1");
    }
  }

  static String groupKind(CustomResourceDefinition crd) {
    return crd.getSpec().getNames().getKind() + "." + crd.getSpec().getGroup();
  }

  static String firstLine(String message) {
    String m = message == null ? "" : message.strip();
    int nl = m.indexOf('\n');
    m = nl < 0 ? m : m.substring(0, nl);
    return m.length() > 200 ? m.substring(0, 200) + "..." : m;
  }

  static void say(String line) {
    System.out.println("bench-crd-memory: " + line);
  }
}
