package dev.aso.controller;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aso.armemulator.admin.RequestLog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * ARM traffic as ARM budgets it: writes of one subscription and credential never exceed the write bucket (a burst of
 * creates is spread at the refill rate, the rest retried when tokens are due), and a restart reads nothing from ARM
 * for resources whose status is current: each is re-checked when its period comes due, not at start-up.
 */
class ArmTrafficTest {

    static final Duration WAIT = Duration.ofSeconds(60);
    Harness h;

    @BeforeEach
    void start() {
        h = new Harness();
    }

    @AfterEach
    void stop() {
        h.close();
    }

    @Test
    void aBurstOfCreatesStaysWithinTheWriteBucket() {
        h.startController(Map.of("ARM_WRITES_PER_SECOND", "2", "ARM_WRITE_BUCKET_SIZE", "3"));
        List<String> names = IntStream.range(0, 12).mapToObj(i -> "rg-budget-" + i).toList();
        names.forEach(this::create);
        names.forEach(n -> h.await("resources.azure.com", "ResourceGroup", "default", n, WAIT, Harness.readyNow()));

        List<Instant> puts = h.emulator.requestLog().entries(e -> e.method().equals("PUT") && e.path().contains("/rg-budget-"))
                .stream().map(e -> Instant.parse(e.time())).sorted().toList();
        int mostInASecond = 0;
        for (Instant t : puts) {
            mostInASecond = Math.max(mostInASecond, (int) puts.stream().filter(p -> !p.isBefore(t) && p.isBefore(t.plusSeconds(1))).count());
        }
        Duration spread = Duration.between(puts.get(0), puts.get(puts.size() - 1));
        System.out.println("arm traffic: " + puts.size() + " PUTs over " + spread.toMillis() + " ms, at most " + mostInASecond
                + " in a second");
        assertThat(puts).as("one PUT per resource group").hasSize(12);
        // a bucket of 3 refilled at 2/s lets at most 3 + 2 through in any second
        assertThat(mostInASecond).isLessThanOrEqualTo(5);
        assertThat(spread).as("(12 - 3) / 2 per second").isGreaterThanOrEqualTo(Duration.ofMillis(4000));
    }

    @Test
    void aRestartReadsNothingForCurrentResourcesAndStillActsOnChanges() {
        Map<String, String> env = Map.of("AZURE_SYNC_PERIOD", "24h");
        h.startController(env);
        List<String> names = IntStream.range(0, 8).mapToObj(i -> "rg-restart-" + i).toList();
        names.forEach(this::create);
        names.forEach(n -> h.await("resources.azure.com", "ResourceGroup", "default", n, WAIT, Harness.readyNow()));
        h.stopController();

        h.emulator.requestLog().clear();
        h.startController(env);
        Harness.sleep(8000);
        List<RequestLog.Entry> afterRestart = h.emulator.requestLog().entries(e -> e.path().contains("/rg-restart-"));
        System.out.println("arm traffic: " + afterRestart.size() + " ARM requests in the 8 s after a restart with "
                + names.size() + " current resources");
        // each is due at its own point of the 24 h period: 8 s of it holds none of them but by a 1-in-1,300 chance
        assertThat(afterRestart).as("no ARM request at start-up for current resources").isEmpty();

        h.patchSpec("resources.azure.com", "ResourceGroup", "default", "rg-restart-3", "{\"tags\": {\"changed\": \"yes\"}}");
        h.await("resources.azure.com", "ResourceGroup", "default", "rg-restart-3", WAIT,
                o -> Harness.readyNow().test(o) && o.path("status").path("tags").path("changed").asText().equals("yes"));
        assertThat(h.emulator.requestLog().entries(e -> e.method().equals("PUT") && e.path().endsWith("/rg-restart-3")))
                .as("a spec change is acted on at once").hasSize(1);
    }

    @Test
    void aResyncTheReadBudgetHoldsBackLeavesTheResourceReady() {
        // resyncs every second ask for 4 reads a second; the bucket gives 0.5
        h.startController(Map.of("AZURE_SYNC_PERIOD", "1s", "ARM_READS_PER_SECOND", "0.5", "ARM_READ_BUCKET_SIZE", "10"));
        List<String> names = IntStream.range(0, 4).mapToObj(i -> "rg-reads-" + i).toList();
        names.forEach(this::create);
        names.forEach(n -> h.await("resources.azure.com", "ResourceGroup", "default", n, WAIT, Harness.readyNow()));

        h.emulator.requestLog().clear();
        long end = System.nanoTime() + Duration.ofSeconds(8).toNanos();
        while (System.nanoTime() < end) {
            for (String n : names) {
                ObjectNode o = h.get("resources.azure.com", "ResourceGroup", "default", n);
                assertThat(Harness.readyNow().test(o)).as("%s stays Ready while its resync waits for a read token: %s", n,
                        Harness.ready(o)).isTrue();
            }
            Harness.sleep(100);
        }
        long reads = h.emulator.requestLog().entries(e -> e.method().equals("GET") && e.path().contains("/rg-reads-")).size();
        System.out.println("arm traffic: " + reads + " GETs in 8 s of resyncs that asked for 32");
        assertThat(reads).as("the budget held resyncs back (0.5 a second, the bucket emptied by the creates)")
                .isLessThan(16);
    }

    private void create(String name) {
        h.apply("""
                apiVersion: resources.azure.com/v1api20200601
                kind: ResourceGroup
                metadata: {name: %s, namespace: default}
                spec: {location: westus}
                """.formatted(name));
    }
}
