package dev.aso.e2e.bench;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * kube-apiserver's memory, from its own {@code /metrics}: resident set size
 * ({@code process_resident_memory_bytes}, what {@code ps} shows as RSS) and the Go heap in use
 * ({@code go_memstats_heap_inuse_bytes}).
 */
final class ApiServerMemory {

  record Sample(long rssBytes, long heapInUseBytes) {
    double rssMiB() {
      return rssBytes / 1048576.0;
    }

    double heapMiB() {
      return heapInUseBytes / 1048576.0;
    }
  }

  private final KubernetesClient client;

  ApiServerMemory(KubernetesClient client) {
    this.client = client;
  }

  Sample now() {
    String metrics = client.raw("/metrics");
    return new Sample(gauge(metrics, "process_resident_memory_bytes"),
        gauge(metrics, "go_memstats_heap_inuse_bytes"));
  }

  /**
   * Waits {@code settleMillis}, then takes {@code samples} samples a second apart and returns their
   * medians (RSS moves with the garbage collector's cycles).
   */
  Sample settled(long settleMillis, int samples) {
    sleep(settleMillis);
    List<Long> rss = new ArrayList<>();
    List<Long> heap = new ArrayList<>();
    for (int i = 0; i < samples; i++) {
      if (i > 0) {
        sleep(1000);
      }
      Sample s = now();
      rss.add(s.rssBytes());
      heap.add(s.heapInUseBytes());
    }
    return new Sample(median(rss), median(heap));
  }

  private static long median(List<Long> values) {
    List<Long> sorted = values.stream().sorted().toList();
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
