package dev.aso.controller;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The annotation {@code serviceoperator.azure.com/sync-period} overrides AZURE_SYNC_PERIOD (2 s here) for one
 * resource, in both directions: {@code never} and a longer period are not re-checked while the others are.
 */
class SyncPeriodTest {

    static final Duration WAIT = Duration.ofSeconds(40);
    static Harness h;

    @BeforeAll
    static void start() {
        h = new Harness();
        h.startController(Map.of("AZURE_SYNC_PERIOD", "2s"));
    }

    @AfterAll
    static void stop() {
        h.close();
    }

    @Test
    void theAnnotationOverridesTheGlobalPeriod() {
        create("rg-sp-global", "");
        create("rg-sp-never", ", annotations: {serviceoperator.azure.com/sync-period: never}");
        create("rg-sp-hour", ", annotations: {serviceoperator.azure.com/sync-period: 1h}");
        for (String name : new String[]{"rg-sp-global", "rg-sp-never", "rg-sp-hour"}) {
            h.await("resources.azure.com", "ResourceGroup", "default", name, WAIT, Harness.readyNow());
        }
        Harness.sleep(1000); // the GETs that belong to the creation are over
        h.emulator.requestLog().clear();
        Harness.sleep(8000);
        System.out.println("sync period: GETs in 8 s: global " + gets("rg-sp-global") + ", never " + gets("rg-sp-never")
                + ", 1h " + gets("rg-sp-hour"));
        assertThat(gets("rg-sp-global")).as("AZURE_SYNC_PERIOD=2s (±25%) applies").isGreaterThanOrEqualTo(2);
        assertThat(gets("rg-sp-never")).as("sync-period: never").isZero();
        assertThat(gets("rg-sp-hour")).as("sync-period: 1h, longer than AZURE_SYNC_PERIOD").isZero();
    }

    private static void create(String name, String annotations) {
        h.apply("""
                apiVersion: resources.azure.com/v1api20200601
                kind: ResourceGroup
                metadata: {name: %s, namespace: default%s}
                spec: {location: westus}
                """.formatted(name, annotations));
    }

    private static int gets(String name) {
        return h.emulator.requestLog().entries(e -> e.method().equals("GET") && e.path().endsWith("/" + name)).size();
    }
}
