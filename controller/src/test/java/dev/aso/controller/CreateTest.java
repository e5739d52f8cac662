package dev.aso.controller;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CreateTest {

    static Harness h;

    @BeforeAll
    static void start() {
        h = new Harness();
        h.startController(Map.of());
    }

    @AfterAll
    static void stop() {
        h.close();
    }

    @Test
    void resourceGroupBecomesReady() {
        h.apply("""
                apiVersion: resources.azure.com/v1api20200601
                kind: ResourceGroup
                metadata: {name: rg-create, namespace: default}
                spec: {location: westus, tags: {team: a}}
                """);
        ObjectNode rg = h.await("resources.azure.com", "ResourceGroup", "default", "rg-create", Duration.ofSeconds(30),
                Harness.readyNow());
        assertThat(Harness.ready(rg).path("reason").asText()).isEqualTo("Succeeded");
        assertThat(rg.path("metadata").path("annotations").path("serviceoperator.azure.com/resource-id").asText())
                .isEqualTo("/subscriptions/" + Harness.SUBSCRIPTION + "/resourceGroups/rg-create");
        assertThat(rg.path("metadata").path("finalizers").toString()).contains("serviceoperator.azure.com/finalizer");
        assertThat(rg.path("status").path("location").asText()).isEqualTo("westus");
        assertThat(rg.path("status").path("properties").path("provisioningState").asText()).isEqualTo("Succeeded");
        assertThat(h.writes("PUT Microsoft.Resources/resourceGroups")).isEqualTo(1);
    }
}
