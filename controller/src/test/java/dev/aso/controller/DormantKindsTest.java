package dev.aso.controller;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A kind with no object gets no informer at start (every CRD installed, resources of a few kinds: a restart lists and
 * caches those few), and starts when its first object appears.
 */
class DormantKindsTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String GROUPS = "resources.azure.com/ResourceGroup";
    private static final String IDENTITIES = "managedidentity.azure.com/UserAssignedIdentity";
    private final Harness h = new Harness();

    @AfterEach
    void stop() {
        h.close();
    }

    @Test
    void onlyKindsWithObjectsStartAndAnEmptyKindStartsAtItsFirstObject() {
        h.applyResourceGroup("default", "rg-dormant", "");

        ControllerManager manager = h.startController(Map.of());

        assertThat(manager.startedKinds()).as("of every kind, only the one with an object").containsExactly(GROUPS);
        h.await("resources.azure.com", "ResourceGroup", "default", "rg-dormant", WAIT, Harness.readyNow());
        h.apply("""
                apiVersion: managedidentity.azure.com/v1api20230131
                kind: UserAssignedIdentity
                metadata: {name: uai-first, namespace: default}
                spec: {location: westus, owner: {name: rg-dormant}}
                """);
        h.await("managedidentity.azure.com", "UserAssignedIdentity", "default", "uai-first", WAIT, Harness.readyNow());
        assertThat(manager.startedKinds()).containsExactlyInAnyOrder(GROUPS, IDENTITIES);
    }
}
