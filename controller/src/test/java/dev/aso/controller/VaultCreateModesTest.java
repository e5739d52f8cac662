package dev.aso.controller;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aso.controller.arm.ArmException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Key Vault's createMode createOrRecover and purgeThenCreate (ASO's, unknown to ARM) against the emulator's soft
 * delete: a deleted vault is recovered, or purged and created again; ARM itself refuses a plain create over it.
 */
class VaultCreateModesTest {

    static final String KV = "keyvault.azure.com";
    static final String KV_API = "2023-07-01";
    static final Duration WAIT = Duration.ofSeconds(40);
    static Harness h;

    @BeforeAll
    static void start() {
        h = new Harness();
        h.startController(Map.of());
        h.applyResourceGroup("default", "rg-kv", "");
        h.await("resources.azure.com", "ResourceGroup", "default", "rg-kv", WAIT, Harness.readyNow());
    }

    @AfterAll
    static void stop() {
        h.close();
    }

    private static void vault(String name, String createMode) {
        h.apply("""
                apiVersion: keyvault.azure.com/v1api20230701
                kind: Vault
                metadata: {name: %s, namespace: default}
                spec:
                  location: westus
                  owner: {name: rg-kv}
                  properties:
                    createMode: %s
                    tenantId: 00000000-0000-0000-0000-0000000000aa
                    sku: {family: A, name: standard}
                """.formatted(name, createMode));
    }

    private static String vaultId(String name) {
        return Harness.rgId("rg-kv") + "/providers/Microsoft.KeyVault/vaults/" + name;
    }

    private static String deletedId(String name) {
        return "/subscriptions/" + Harness.SUBSCRIPTION + "/providers/Microsoft.KeyVault/locations/westus/deletedVaults/" + name;
    }

    /** The vault created Ready with {@code createMode}, then deleted: soft-deleted in Azure. */
    private static void readyThenSoftDeleted(String name, String createMode) {
        vault(name, createMode);
        h.await(KV, "Vault", "default", name, WAIT, Harness.readyNow());
        h.delete(KV, "Vault", "default", name);
        h.awaitGone(KV, "Vault", "default", name, WAIT);
        assertThat(h.azure(vaultId(name), KV_API)).isEmpty();
        assertThat(h.azure(deletedId(name), KV_API)).isPresent();
    }

    @Test
    void createOrRecoverCreatesThenRecoversASoftDeletedVault() {
        readyThenSoftDeleted("kv-recover", "createOrRecover");

        vault("kv-recover", "createOrRecover");
        h.await(KV, "Vault", "default", "kv-recover", WAIT, Harness.readyNow());
        assertThat(h.azure(vaultId("kv-recover"), KV_API)).isPresent();
        assertThat(h.azure(deletedId("kv-recover"), KV_API)).isEmpty();
    }

    @Test
    void purgeThenCreatePurgesASoftDeletedVaultFirst() {
        readyThenSoftDeleted("kv-purge", "purgeThenCreate");
        long purges = h.writes("POST");

        vault("kv-purge", "purgeThenCreate");
        h.await(KV, "Vault", "default", "kv-purge", WAIT, Harness.readyNow());
        assertThat(h.writes("POST")).isEqualTo(purges + 1);
        assertThat(h.azure(deletedId("kv-purge"), KV_API)).isEmpty();
    }

    @Test
    void aPlainCreateOverASoftDeletedVaultIsRefusedByArm() {
        readyThenSoftDeleted("kv-default", "default");

        vault("kv-default", "default");
        ObjectNode kv = h.await(KV, "Vault", "default", "kv-default", WAIT, Harness.readyIs("False", "ConflictError"));
        assertThat(Harness.ready(kv).path("message").asText()).contains("recover or purge");
    }

    @Test
    void aSoftDeletedVaultIsReadAndPurgedOnlyWhereItWasDeleted() throws Exception {
        readyThenSoftDeleted("kv-elsewhere", "default");
        assertThat(h.azure(deletedId("kv-elsewhere").replace("/westus/", "/eastus/"), KV_API)).isEmpty();
        try {
            h.arm().action(deletedId("kv-elsewhere").replace("/westus/", "/eastus/"), "purge", KV_API);
            throw new AssertionError("purged in the wrong location");
        } catch (ArmException e) {
            assertThat(e.notFound()).isTrue();
        }
        h.arm().action(deletedId("kv-elsewhere"), "purge", KV_API);
        assertThat(h.azure(deletedId("kv-elsewhere"), KV_API)).isEmpty();
    }
}
