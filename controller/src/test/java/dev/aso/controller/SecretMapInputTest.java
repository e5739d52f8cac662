package dev.aso.controller;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * ASO's SecretMapReference (a VM extension's {@code protectedSettings}): every key of the named Secret is sent to
 * Azure as the map, and a missing Secret is a clear Ready=False naming the field.
 */
class SecretMapInputTest {

    private static final Duration WAIT = Duration.ofSeconds(45);
    static Harness h;

    @BeforeAll
    static void start() {
        h = Harness.startedWithResourceGroup("rg-secretmap", WAIT);
        h.apply("""
                apiVersion: compute.azure.com/v1api20220301
                kind: VirtualMachine
                metadata: {name: vm-secretmap, namespace: default}
                spec:
                  location: westus
                  owner: {name: rg-secretmap}
                  hardwareProfile: {vmSize: Standard_A1_v2}
                """);
        h.await("compute.azure.com", "VirtualMachine", "default", "vm-secretmap", WAIT, Harness.readyNow());
    }

    @AfterAll
    static void stop() {
        h.close();
    }

    @Test
    void everyKeyOfTheSecretIsSentAsTheMap() {
        h.kube.secrets().inNamespace("default").resource(new SecretBuilder().withNewMetadata().withName("script-settings")
                .endMetadata().addToStringData("storageAccountName", "scripts").addToStringData("storageAccountKey", "k3y-value")
                .build()).create();
        h.apply(extension("ext-secretmap", "script-settings"));
        ObjectNode ext = h.await("compute.azure.com", "VirtualMachinesExtension", "default", "ext-secretmap", WAIT,
                Harness.readyNow());

        JsonNode stored = storedBody(ext.path("metadata").path("annotations").path("serviceoperator.azure.com/resource-id").asText());
        assertThat(stored.path("properties").path("protectedSettings")).isEqualTo(
                h.kube.getKubernetesSerialization().convertValue(java.util.Map.of("storageAccountName", "scripts",
                        "storageAccountKey", "k3y-value"), JsonNode.class));
        assertThat(ext.path("status").toString()).doesNotContain("k3y-value");
    }

    @Test
    void aMissingSecretNamesTheField() {
        h.apply(extension("ext-nosecret", "not-there"));
        ObjectNode ext = h.await("compute.azure.com", "VirtualMachinesExtension", "default", "ext-nosecret", WAIT,
                o -> Harness.ready(o).path("reason").asText().equals("SecretNotFound"));
        assertThat(Harness.ready(ext).path("message").asText()).contains("spec.protectedSettings")
                .contains("Secret default/not-there does not exist");
    }

    private static String extension(String name, String secret) {
        return """
                apiVersion: compute.azure.com/v1api20220301
                kind: VirtualMachinesExtension
                metadata: {name: %s, namespace: default}
                spec:
                  location: westus
                  owner: {name: vm-secretmap}
                  publisher: Microsoft.Azure.Extensions
                  type: CustomScript
                  typeHandlerVersion: "2.1"
                  protectedSettings: {name: %s}
                """.formatted(name, secret);
    }

    /** The body the emulator stored, write-only values included (a GET leaves them out, as Azure does). */
    private static JsonNode storedBody(String id) {
        for (JsonNode r : h.emulator.adminClient().state().path("resources")) {
            if (r.path("id").asText().equalsIgnoreCase(id)) {
                return r.path("body");
            }
        }
        throw new AssertionError(id + " is not stored in the emulator");
    }
}
