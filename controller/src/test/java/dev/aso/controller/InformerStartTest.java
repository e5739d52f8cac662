package dev.aso.controller;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A busy API server can fail an informer's first list (at 50,000 resources a list of 10,000 objects outlasted the
 * client's 10 s): the controller starts all the same and that kind's list is retried, instead of the process exiting
 * and every restart failing the same way.
 */
class InformerStartTest {

    private final Harness h = new Harness();

    @AfterEach
    void stop() {
        h.close();
    }

    @Test
    void aKindWhoseFirstListFailsIsListedAgainAndReconciled() {
        AtomicInteger slow = new AtomicInteger();
        long timeout = h.kube.getConfiguration().getRequestTimeout();
        h.server.expect().get().delay(timeout + 2_000)
                .withPath("/apis/resources.azure.com/v1api20200601storage/resourcegroups?resourceVersion=0")
                .andReply(200, request -> {
                    slow.incrementAndGet();
                    return Map.of("kind", "ResourceGroupList", "apiVersion", "resources.azure.com/v1api20200601storage",
                            "metadata", Map.of("resourceVersion", "1"), "items", java.util.List.of());
                })
                .once();
        h.apply("""
                apiVersion: resources.azure.com/v1api20200601
                kind: ResourceGroup
                metadata: {name: rg-listed-late, namespace: default}
                spec: {location: westus}
                """);

        h.startController(Map.of()); // before, JOSDK stopped the operator here ("Informer startup error") and it threw

        assertThat(slow).as("the informer's first list got the answer that came too late").hasValue(1);
        h.await("resources.azure.com", "ResourceGroup", "default", "rg-listed-late", Duration.ofSeconds(60),
                Harness.readyNow());
    }
}
