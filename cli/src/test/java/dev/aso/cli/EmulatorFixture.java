package dev.aso.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aso.armemulator.ArmEmulator;
import dev.aso.armemulator.config.EmulatorConfig;
import dev.aso.armemulator.config.LroPolicy;
import dev.aso.controller.arm.ArmClient;
import dev.aso.controller.arm.ArmException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** The ARM emulator in-process (HTTPS, real token endpoint), asoctl's environment pointing at it, and asoctl runs. */
final class EmulatorFixture implements AutoCloseable {

    static final String SUBSCRIPTION = EmulatorConfig.DEFAULT_SUBSCRIPTION;
    private static final ObjectMapper JSON = new ObjectMapper();

    final ArmEmulator emulator;
    final Map<String, String> env = new HashMap<>();
    final ArmClient arm;

    EmulatorFixture(Path workDir) {
        emulator = ArmEmulator.builder().typesDir(Path.of(System.getProperty("aso.repoRoot", "..")).resolve("azure-types"))
                .build().start();
        emulator.lro().setDefault(new LroPolicy(false, false, null, null, null)); // set-up PUTs complete at once
        try {
            Path ca = workDir.resolve("emulator-ca.pem");
            Files.writeString(ca, emulator.caCertificatePem());
            env.put("AZURE_ADDITIONAL_CA_CERTIFICATES", ca.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        env.put("AZURE_SUBSCRIPTION_ID", SUBSCRIPTION);
        env.put("AZURE_TENANT_ID", EmulatorConfig.DEFAULT_TENANT);
        env.put("AZURE_CLIENT_ID", EmulatorConfig.DEFAULT_CLIENT);
        env.put("AZURE_CLIENT_SECRET", EmulatorConfig.DEFAULT_SECRET);
        env.put("AZURE_AUTHORITY_HOST", emulator.baseUrl());
        env.put("AZURE_RESOURCE_MANAGER_ENDPOINT", emulator.baseUrl());
        arm = AzureConnection.fromEnvironment(env);
    }

    /** PUTs a resource through ARM's API (as a user would have made it). */
    JsonNode put(String id, String apiVersion, String json) {
        try {
            arm.put(id, apiVersion, JSON.readTree(json));
            return arm.get(id, apiVersion).body();
        } catch (ArmException | IOException e) {
            throw new IllegalStateException("PUT " + id + ": " + e.getMessage(), e);
        }
    }

    JsonNode get(String id, String apiVersion) {
        try {
            return arm.get(id, apiVersion).body();
        } catch (ArmException e) {
            throw new IllegalStateException("GET " + id + ": " + e.getMessage(), e);
        }
    }

    AsoctlRun asoctl(String... args) {
        return AsoctlRun.of(env, args);
    }

    /** Writes PUT, PATCH, DELETE and POST calls the emulator has seen so far, by key. */
    Map<String, Long> writes() {
        return new HashMap<>(emulator.requestLog().writeCounters());
    }

    @Override
    public void close() {
        emulator.stop();
    }
}
