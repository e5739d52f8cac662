package dev.aso.armemulator;

import static dev.aso.armemulator.RawArm.SUB;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aso.armemulator.config.EmulatorConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Many clients at once: every write lands once and the counters agree. Bounded: 8 threads, 400 calls, 60 s. */
class ConcurrencyTest {
    static final int THREADS = 8;
    static final int PER_THREAD = 25;

    @Test
    void concurrentWritesAndReads() throws Exception {
        ArmEmulator emulator = ArmEmulator.builder().typesDir(Path.of("../azure-types")).config(EmulatorConfig.defaults()).build().start();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            RawArm arm = new RawArm(emulator);
            arm.resourceGroup("rg-load");
            long start = System.nanoTime();
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                results.add(pool.submit(() -> {
                    int ok = 0;
                    for (int i = 0; i < PER_THREAD; i++) {
                        String id = SUB + "/resourceGroups/rg-load/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-" + thread + "-" + i;
                        if (arm.put(id, "2023-01-31", "{\"location\":\"westus\"}").status() == 201 && arm.get(id, "2023-01-31").status() == 200) {
                            ok++;
                        }
                    }
                    return ok;
                }));
            }
            int ok = 0;
            for (Future<Integer> f : results) {
                ok += f.get(60, TimeUnit.SECONDS);
            }
            long ms = (System.nanoTime() - start) / 1_000_000;
            System.out.printf("%d PUT+GET pairs from %d threads in %d ms (%.0f calls/s)%n", THREADS * PER_THREAD, THREADS, ms,
                    2000.0 * THREADS * PER_THREAD / ms);
            assertThat(ok).isEqualTo(THREADS * PER_THREAD);
            assertThat(arm.get(SUB + "/resourceGroups/rg-load/providers/Microsoft.ManagedIdentity/userAssignedIdentities", "2023-01-31")
                    .json().path("value")).hasSize(THREADS * PER_THREAD);
            assertThat(emulator.requestLog().writeCounters()).containsEntry("PUT Microsoft.ManagedIdentity/userAssignedIdentities",
                    (long) THREADS * PER_THREAD);
        } finally {
            pool.shutdownNow();
            emulator.stop();
        }
    }
}
