package dev.aso.e2e.bench;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A Lease's holder and renewals, seen every 250 ms (while a controller restarts, in {@link ScaleBench}); a renewal
 * missed is a gap of more than two retry periods (the controllers renew every 2 s).
 */
final class LeaseRenewals implements AutoCloseable {

  private static final Duration RETRY = Duration.ofSeconds(2);

  private final List<Instant> renewals = new ArrayList<>();
  private final List<String> holders = new ArrayList<>();
  private final Thread thread;
  private volatile boolean stop;

  LeaseRenewals(KubernetesClient kube, String namespace, String name) {
    thread = new Thread(() -> {
      Object lastRenew = null;
      while (!stop) {
        Lease l = kube.leases().inNamespace(namespace).withName(name).get();
        if (l != null && l.getSpec().getRenewTime() != null && !l.getSpec().getRenewTime().equals(lastRenew)) {
          lastRenew = l.getSpec().getRenewTime();
          synchronized (this) {
            renewals.add(Instant.now());
            holders.add(l.getSpec().getHolderIdentity());
          }
        }
        try {
          Thread.sleep(250);
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "lease-watch");
    thread.start();
  }

  /** The renewals by the replica whose identity starts with {@code replica}, the longest gap, and any missed. */
  synchronized String summary(String replica) {
    List<Instant> mine = new ArrayList<>();
    for (int i = 0; i < renewals.size(); i++) {
      if (holders.get(i) != null && holders.get(i).startsWith(replica + "_")) {
        mine.add(renewals.get(i));
      }
    }
    long longest = 0;
    int missed = 0;
    for (int i = 1; i < mine.size(); i++) {
      long gap = Duration.between(mine.get(i - 1), mine.get(i)).toMillis();
      longest = Math.max(longest, gap);
      missed += gap > 2 * RETRY.toMillis() ? 1 : 0;
    }
    return "%d renewals by the new replica, longest gap %.1f s, %d missed (gap over two retry periods)"
        .formatted(mine.size(), longest / 1000.0, missed);
  }

  @Override
  public void close() throws InterruptedException {
    stop = true;
    thread.join(5_000);
  }
}
