package dev.aso.controller;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The deployable ({@code Main.main}, exit on a lost Lease on) as a process: SIGTERM ends it promptly and leaves the
 * Lease free for a standby. JOSDK's own exit-on-lost-lease would call System.exit inside the shutdown hook, which
 * blocks the JVM until it is killed.
 */
class ShutdownTest {

    Harness h;
    Process process;

    @BeforeEach
    void start() {
        h = new Harness();
    }

    @AfterEach
    void stop() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
        }
        h.close();
    }

    @Test
    void sigtermExitsPromptlyAndReleasesTheLease(@TempDir Path dir) throws Exception {
        Path ca = dir.resolve("ca.crt");
        Files.writeString(ca, h.emulator.caCertificatePem());
        Path kubeconfig = dir.resolve("kubeconfig");
        Files.writeString(kubeconfig, """
                apiVersion: v1
                kind: Config
                clusters: [{name: mock, cluster: {server: "%s", insecure-skip-tls-verify: true}}]
                users: [{name: mock, user: {token: test}}]
                contexts: [{name: mock, context: {cluster: mock, user: mock}}]
                current-context: mock
                """.formatted(h.kube.getConfiguration().getMasterUrl()));
        Path log = Path.of("target", "process-logs", "ShutdownTest-controller.log");
        Files.createDirectories(log.getParent());
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), "dev.aso.controller.Main", "--crd-management", "none",
                "--metrics-addr", "127.0.0.1:0", "--health-addr", "127.0.0.1:0")
                .redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putAll(h.env(Map.of("AZURE_ADDITIONAL_CA_CERTIFICATES", ca.toString(), "HOSTNAME", "replica-process")));
        pb.environment().put("KUBECONFIG", kubeconfig.toString());
        pb.environment().put("POD_NAMESPACE", "aso-system");
        process = pb.start();

        Harness.eventually(Duration.ofSeconds(60), "the process holds the Lease (log: " + log.toAbsolutePath() + ")",
                () -> holder().startsWith("replica-process_"));
        long signalled = System.nanoTime();
        process.destroy();
        assertThat(process.waitFor(15, TimeUnit.SECONDS)).as("the process ended after SIGTERM (log: %s)", log.toAbsolutePath())
                .isTrue();
        System.out.println("shutdown: the controller process ended " + Duration.ofNanos(System.nanoTime() - signalled).toMillis()
                + " ms after SIGTERM, exit code " + process.exitValue());
        // given up as fabric8 does it: holder cleared (the mock API keeps the old value on that patch) and a one-second
        // duration from now, so a standby may take it at its next retry instead of after 15 s
        Lease lease = h.kube.leases().inNamespace("aso-system").withName(Main.LEASE_NAME).get();
        assertThat(lease.getSpec().getLeaseDurationSeconds()).as("the Lease is free for a standby within a second").isEqualTo(1);
        assertThat(lease.getSpec().getRenewTime()).isAfter(java.time.ZonedDateTime.now().minusSeconds(20));
        assertThat(Files.readAllLines(log)).noneSatisfy(l -> assertThat(l).contains("Exiting"));
    }

    private String holder() {
        Lease lease = h.kube.leases().inNamespace("aso-system").withName(Main.LEASE_NAME).get();
        return lease == null || lease.getSpec().getHolderIdentity() == null ? "" : lease.getSpec().getHolderIdentity();
    }
}
