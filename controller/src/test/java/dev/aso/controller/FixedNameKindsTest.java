package dev.aso.controller;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aso.api.meta.OperatorAnnotations;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kinds whose Azure name is fixed by the type definitions (no spec.azureName): the ARM id uses that name, never
 * metadata.name (issue 15: a StorageAccountsBlobService named samplekubestorageservice got InvalidResourceName).
 */
class FixedNameKindsTest {

    static final String STORAGE = "storage.azure.com";
    static final Duration WAIT = Duration.ofSeconds(40);
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
    void theCatalogKnowsTheFixedName() {
        assertThat(h.catalog.kind(STORAGE, "StorageAccountsBlobService").orElseThrow().fixedAzureName()).isEqualTo("default");
        assertThat(h.catalog.kind(STORAGE, "StorageAccount").orElseThrow().fixedAzureName()).isNull();
    }

    @Test
    void aBlobServiceIsDefaultWhateverItsObjectIsCalled() {
        h.applyResourceGroup("default", "rg-fixed", "");
        h.apply("""
                apiVersion: storage.azure.com/v1api20230101
                kind: StorageAccount
                metadata: {name: fixedsa, namespace: default}
                spec:
                  location: westus
                  owner: {name: rg-fixed}
                  kind: StorageV2
                  sku: {name: Standard_LRS}
                """);
        h.await(STORAGE, "StorageAccount", "default", "fixedsa", WAIT, Harness.readyNow());
        h.apply("""
                apiVersion: storage.azure.com/v1api20230101
                kind: StorageAccountsBlobService
                metadata: {name: samplekubestorageservice, namespace: default}
                spec:
                  owner: {name: fixedsa}
                  isVersioningEnabled: true
                """);
        ObjectNode service = h.await(STORAGE, "StorageAccountsBlobService", "default", "samplekubestorageservice", WAIT,
                Harness.readyNow());
        String id = Harness.rgId("rg-fixed") + "/providers/Microsoft.Storage/storageAccounts/fixedsa/blobServices/default";
        assertThat(service.path("metadata").path("annotations").path(OperatorAnnotations.RESOURCE_ID).asText()).isEqualTo(id);
        assertThat(h.azure(id, "2023-01-01").orElseThrow().path("properties").path("isVersioningEnabled").asBoolean()).isTrue();

        h.delete(STORAGE, "StorageAccountsBlobService", "default", "samplekubestorageservice");
        h.awaitGone(STORAGE, "StorageAccountsBlobService", "default", "samplekubestorageservice", WAIT);
        assertThat(h.azure(id, "2023-01-01")).isEmpty();
    }
}
