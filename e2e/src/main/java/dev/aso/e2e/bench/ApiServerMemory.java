package dev.aso.e2e.bench;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * kube-apiserver's memory, from its own endpoints: resident set size
 * ({@code process_resident_memory_bytes} of {@code /metrics}, what {@code ps} shows as RSS) and the
 * Go heap that is live right after a forced garbage collection ({@code HeapAlloc} of {@code /debug/pprof/heap?gc=1&debug=1}; kube-apiserver serves
 * pprof unless started with {@code --profiling=false}). The live heap barely moves between
 * samples; RSS follows the garbage collector's cycles and is about twice the live heap (Go's
 * default GOGC=100 lets the heap grow to twice what is live before collecting).
 */
final class ApiServerMemory {

  private static final Pattern HEAP_ALLOC = Pattern.compile("(?m)^# HeapAlloc = ([0-9]+)$");

  record Sample(long rssBytes, long liveHeapBytes) {
    double rssMiB() {
      return rssBytes / 1048576.0;
    }

    double liveMiB() {
      return liveHeapBytes / 1048576.0;
    }
  }

  private final KubernetesClient client;

  ApiServerMemory(KubernetesClient client) {
    this.client = client;
  }

  Sample now() {
    long rss = gauge(client.raw("/metrics"), "process_resident_memory_bytes");
    Matcher live = HEAP_ALLOC.matcher(client.raw("/debug/pprof/heap?gc=1&debug=1"));
    if (!live.find()) {
      throw new IllegalStateException("kube-apiserver's /debug/pprof/heap has no HeapAlloc; is it started with"
          + " --profiling=false? The bench needs profiling on (kube-apiserver's default)");
    }
    return new Sample(rss, Long.parseLong(live.group(1)));
  }

  /**
   * Waits {@code settleMillis}, then takes {@code samples} samples a second apart and returns their
   * medians.
   */
  Sample settled(long settleMillis, int samples) {
    sleep(settleMillis);
    List<Sample> taken = new ArrayList<>();
    for (int i = 0; i < samples; i++) {
      if (i > 0) {
        sleep(1000);
      }
      taken.add(now());
    }
    return new Sample(median(taken, Sample::rssBytes), median(taken, Sample::liveHeapBytes));
  }

  /** Writes kube-apiserver's heap profile (pprof format, after a forced GC) to {@code file}. */
  void saveHeapProfile(Path file) throws IOException {
    HttpClient http = client.getHttpClient();
    HttpRequest request = http.newHttpRequestBuilder()
        .uri(client.getMasterUrl().toString().replaceAll("/$", "") + "/debug/pprof/heap?gc=1")
        .build();
    try {
      HttpResponse<byte[]> response = http.sendAsync(request, byte[].class).get(60, TimeUnit.SECONDS);
      if (response.code() != 200) {
        throw new IOException("kube-apiserver answered " + response.code() + " to /debug/pprof/heap");
      }
      Files.write(file, response.body());
    } catch (ExecutionException | TimeoutException e) {
      throw new IOException("cannot fetch kube-apiserver's heap profile: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while fetching kube-apiserver's heap profile", e);
    }
  }

  private static long median(List<Sample> samples, Function<Sample, Long> value) {
    List<Long> sorted = samples.stream().map(value).sorted().toList();
    return sorted.get(sorted.size() / 2);
  }

  private static long gauge(String metrics, String name) {
    Matcher m = Pattern.compile("(?m)^" + name + " ([0-9.e+]+)$").matcher(metrics);
    if (!m.find()) {
      throw new IllegalStateException("kube-apiserver's /metrics has no " + name);
    }
    return (long) Double.parseDouble(m.group(1));
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
