package dev.aso.e2e.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aso.armemulator.AdminClient;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Every ARM call the emulator logs (its log keeps the last 10,000, so it is read every second, from the last
 * sequence number seen), and what ARM's throttling would have made of them: a token bucket per kind of call shaped
 * like ARM's (reads 250 refilled at 25/s; writes 200 at 10/s), replayed over the calls' times.
 */
final class ArmTraffic implements AutoCloseable {

  record Call(Instant time, String method, int status) {
    boolean write() {
      return WRITES.contains(method);
    }
  }

  /** Calls in a window: reads, writes, 429 answers, and calls ARM's buckets would have refused. */
  record Counts(int reads, int writes, int throttled, int overReadBudget, int overWriteBudget) {
  }

  private static final Set<String> WRITES = Set.of("PUT", "PATCH", "POST", "DELETE");

  private final AdminClient admin;
  private final List<Call> calls = new ArrayList<>();
  private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "arm-traffic");
    t.setDaemon(true);
    return t;
  });
  private long seq;

  ArmTraffic(AdminClient admin) {
    this.admin = admin;
    poller.scheduleWithFixedDelay(this::poll, 0, 1, TimeUnit.SECONDS);
  }

  synchronized void poll() {
    for (JsonNode e : admin.requests("since=" + seq)) {
      seq = Math.max(seq, e.path("seq").asLong());
      if (!e.path("path").asText().contains("/oauth2/")) {
        calls.add(new Call(Instant.parse(e.path("time").asText()), e.path("method").asText(), e.path("status").asInt()));
      }
    }
  }

  /** The calls made from {@code since} to now (polled first, so nothing logged before now is missed). */
  synchronized Counts since(Instant since) {
    poll();
    // the log is in the order calls ended, stamped with when they arrived: ARM counts them as they arrive
    List<Call> window = calls.stream().filter(c -> !c.time().isBefore(since))
        .sorted(Comparator.comparing(Call::time)).toList();
    int writes = (int) window.stream().filter(Call::write).count();
    int throttled = (int) window.stream().filter(c -> c.status() == 429).count();
    return new Counts(window.size() - writes, writes, throttled,
        overBudget(window.stream().filter(c -> !c.write()).toList(), 250, 25),
        overBudget(window.stream().filter(Call::write).toList(), 200, 10));
  }

  /** How many of {@code calls} (in time order) a full bucket of {@code size} refilled at {@code rate}/s would refuse. */
  static int overBudget(List<Call> calls, double size, double rate) {
    double tokens = size;
    Instant last = null;
    int refused = 0;
    for (Call c : calls) {
      if (last != null) {
        tokens = Math.min(size, tokens + rate * (c.time().toEpochMilli() - last.toEpochMilli()) / 1000.0);
      }
      last = c.time();
      if (tokens >= 1) {
        tokens -= 1;
      } else {
        refused++;
      }
    }
    return refused;
  }

  @Override
  public void close() {
    poller.shutdownNow();
  }
}
