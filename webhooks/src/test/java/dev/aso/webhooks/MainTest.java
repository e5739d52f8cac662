package dev.aso.webhooks;

import dev.aso.webhooks.support.TestCertificates;
import dev.aso.webhooks.support.WebhookTestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/** The deployable as a process: starts on the generated metadata, serves health, drains on SIGTERM, fails clearly. */
class MainTest {

    private static final Pattern LISTENING = Pattern.compile("health and metrics on http://127.0.0.1:(\\d+)");

    @TempDir
    Path certDir;

    private Process start(Path dir, Path log) throws Exception {
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), Main.class.getName(), "--bind", "127.0.0.1", "--port", "0",
                "--metrics-port", "0", "--cert-dir", dir.toString(), "--operator-identities", WebhookTestServer.OPERATOR)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    @Test
    void startsServesHealthAndShutsDownOnSigterm() throws Exception {
        assumeThat(getClass().getClassLoader().getResource("meta/index.txt"))
                .as("the api module's generated metadata is not on the classpath").isNotNull();
        TestCertificates certificates = new TestCertificates();
        certificates.write(certDir, certificates.issue("main"));
        Path log = certDir.resolve("main.log");
        Process process = start(certDir, log);
        try {
            String port = null;
            long until = System.currentTimeMillis() + 120_000;
            while (port == null && process.isAlive() && System.currentTimeMillis() < until) {
                Thread.sleep(100);
                Matcher m = LISTENING.matcher(Files.readString(log));
                port = m.find() ? m.group(1) : null;
            }
            assertThat(port).as("the server's start line in " + Files.readString(log)).isNotNull();
            HttpResponse<String> ready = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/readyz")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(ready.statusCode()).isEqualTo(200);
            process.destroy(); // SIGTERM
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(Files.readString(log)).contains("shutting down: draining in-flight requests");
        } finally {
            process.destroyForcibly();
        }
    }

    @Test
    void aMissingCertificateIsAOneLineErrorAndExitStatus1() throws Exception {
        assumeThat(getClass().getClassLoader().getResource("meta/index.txt"))
                .as("the api module's generated metadata is not on the classpath").isNotNull();
        Path log = certDir.resolve("main.log");
        Process process = start(certDir.resolve("absent"), log);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String output = Files.readString(log);
        assertThat(process.exitValue()).isEqualTo(1);
        assertThat(output).contains("the webhook server cannot start: " + certDir.resolve("absent").resolve("tls.crt")
                + " does not exist").doesNotContain("\tat ");
    }
}
