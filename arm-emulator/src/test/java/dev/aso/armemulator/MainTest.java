package dev.aso.armemulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aso.armemulator.config.EmulatorConfig;
import dev.aso.armemulator.tls.Pem;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line: flags, plain HTTP, the written certificates, and clear errors. */
class MainTest {
    @TempDir
    Path dir;

    @Test
    void flagsStartHttpsAndHttpAndWriteTheCertificates() throws Exception {
        ArmEmulator emulator = Main.parse(new String[] {"--port", "0", "--http-port", "0", "--host", "127.0.0.1",
                "--types", "../azure-types", "--cert-dir", dir.toString(), "--hostname", "arm.example.test"}).build().start();
        try {
            HttpResponse<String> health = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(emulator.httpBaseUrl() + "/admin/health")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(Files.readString(dir.resolve("ca.crt"))).isEqualTo(emulator.caCertificatePem());
            X509Certificate server = Pem.certificates(Files.readString(dir.resolve("tls.crt"))).get(0);
            List<String> names = server.getSubjectAlternativeNames().stream().map(san -> String.valueOf(san.get(1))).toList();
            assertThat(names).contains("localhost", "127.0.0.1", "arm.example.test");
            HttpResponse<String> ca = HttpClient.newBuilder().sslContext(emulator.sslContext()).build().send(
                    HttpRequest.newBuilder(URI.create(emulator.baseUrl() + "/admin/ca.crt")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(ca.body()).isEqualTo(emulator.caCertificatePem());
        } finally {
            emulator.stop();
        }
    }

    @Test
    void aGivenCertificateAndAnAdminToken() throws Exception {
        dev.aso.armemulator.tls.TlsMaterial given = dev.aso.armemulator.tls.TlsMaterial.generate(null, List.of("arm.given.test"));
        Files.writeString(dir.resolve("server.crt"), given.serverCertificatePem() + given.caCertificatePem());
        Files.writeString(dir.resolve("server.key"), given.serverKeyPem());
        ArmEmulator emulator = Main.parse(new String[] {"--port", "0", "--host", "127.0.0.1", "--types", "../azure-types",
                "--tls-cert", dir.resolve("server.crt").toString(), "--tls-key", dir.resolve("server.key").toString()})
                .config(EmulatorConfig.parse("{\"adminToken\": \"let-me-in\"}")).build().start();
        try {
            assertThat(emulator.caCertificatePem()).isEqualTo(given.caCertificatePem());
            HttpClient client = HttpClient.newBuilder().sslContext(emulator.sslContext()).build();
            HttpResponse<String> refused = client.send(HttpRequest.newBuilder(URI.create(emulator.baseUrl() + "/admin/counters")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(refused.statusCode()).isEqualTo(401);
            assertThat(refused.body()).contains("X-Admin-Token");
            assertThat(emulator.adminClient().writeCounters().isObject()).as("the admin client sends the token").isTrue();
        } finally {
            emulator.stop();
        }
    }

    @Test
    void theConfigExampleInTheDocsHasOnlyKnownFields() throws Exception {
        String doc = Files.readString(Path.of("../docs/arm-emulator.md"));
        int section = doc.indexOf("## Configuration file");
        int start = doc.indexOf("```json", section) + "```json".length();
        EmulatorConfig example = EmulatorConfig.parse(doc.substring(start, doc.indexOf("```", start)));
        assertThat(example.lro()).containsKey("Microsoft.Cache/redis");
        assertThat(example.faults()).hasSize(1);
    }

    @Test
    void badFlagsAndConfigsAreExplained() throws Exception {
        assertThatThrownBy(() -> Main.parse(new String[] {"--port", "http"})).hasMessage("--port must be a port number (0-65535), was 'http'");
        assertThatThrownBy(() -> Main.parse(new String[] {"--verbose", "1"})).hasMessageContaining("unknown flag --verbose");
        assertThatThrownBy(() -> Main.parse(new String[] {"--tls-cert", "x"})).hasMessageContaining("--tls-cert and --tls-key go together");
        Path config = dir.resolve("config.json");
        Files.writeString(config, "{\"tenant\": []}");
        assertThatThrownBy(() -> Main.parse(new String[] {"--config", config.toString()})).hasMessageContaining("\"tenant\"");
        assertThatThrownBy(() -> ArmEmulator.builder().typesDir(dir.resolve("none")).build().start())
                .hasMessageContaining("does not exist: pass --types");
        EmulatorConfig wrongClient = EmulatorConfig.parse("{\"clients\": [{\"clientId\": \"c\", \"tenantId\": \""
                + EmulatorConfig.DEFAULT_TENANT + "\", \"secret\": \"s\", \"subscriptions\": [\"nope\"]}]}");
        assertThatThrownBy(() -> ArmEmulator.builder().config(wrongClient).build().start())
                .hasMessageContaining("client c lists subscription nope, which is not a subscription of its tenant");
        EmulatorConfig keyless = EmulatorConfig.parse("{\"clients\": [{\"clientId\": \"w\", \"tenantId\": \""
                + EmulatorConfig.DEFAULT_TENANT + "\", \"federatedCredentials\": [{\"issuer\": \"i\", \"subject\": \"s\"}]}]}");
        assertThatThrownBy(() -> ArmEmulator.builder().config(keyless).build().start())
                .hasMessageContaining("client w: a federated credential needs issuer, subject and publicKeyPem");
    }
}
