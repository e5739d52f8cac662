package dev.aso.webhooks.selfcert;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SelfCertSettingsTest {

    @Test
    void filesModeIsTheDefaultAndLeavesTheServersFlags() {
        SelfCertSettings.Parsed parsed = SelfCertSettings.extract(new String[]{"--port", "9443", "--cert-dir=/x"}, Map.of());
        assertThat(parsed.selfManaged()).isFalse();
        assertThat(parsed.remainingArgs()).containsExactly("--port", "9443", "--cert-dir=/x");
    }

    @Test
    void selfManagedModeFromFlagsWithDefaults() {
        SelfCertSettings.Parsed parsed = SelfCertSettings.extract(
                new String[]{"--port", "9443", "--cert-mode=self-managed", "--cert-extra-names", "127.0.0.1, Local.Test",
                        "--cert-validity", "1h30m", "--metrics-port=8081"},
                Map.of("POD_NAMESPACE", "aso"));
        assertThat(parsed.remainingArgs()).containsExactly("--port", "9443", "--metrics-port=8081");
        SelfCertSettings s = parsed.settings();
        assertThat(s.secretName()).isEqualTo("webhook-server-cert");
        assertThat(s.dnsNames()).containsExactly("azureserviceoperator-webhook-service.aso.svc",
                "azureserviceoperator-webhook-service.aso.svc.cluster.local", "127.0.0.1", "local.test");
        assertThat(s.validity()).isEqualTo(Duration.ofMinutes(90));
        assertThat(s.caValidity()).isEqualTo(Duration.ofMinutes(900));
        assertThat(s.checkInterval()).isEqualTo(Duration.ofSeconds(270));
        assertThat(s.selector()).isEqualTo("app.kubernetes.io/name=azure-service-operator");
    }

    @Test
    void theEnvironmentWorksToo() {
        SelfCertSettings s = SelfCertSettings.extract(new String[0], Map.of("POD_NAMESPACE", "aso",
                "ASO_WEBHOOK_CERT_MODE", "self-managed", "ASO_WEBHOOK_CERT_SECRET", "mine")).settings();
        assertThat(s.secretName()).isEqualTo("mine");
        assertThat(s.validity()).isEqualTo(Duration.ofHours(2160));
        assertThat(s.checkInterval()).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void badValuesNameTheFlag() {
        assertThatThrownBy(() -> SelfCertSettings.extract(new String[]{"--cert-mode", "auto"}, Map.of()))
                .hasMessage("--cert-mode (or ASO_WEBHOOK_CERT_MODE) must be files or self-managed, got \"auto\"");
        assertThatThrownBy(() -> SelfCertSettings.extract(new String[]{"--cert-mode", "self-managed"}, Map.of()))
                .hasMessage("POD_NAMESPACE (the namespace of the webhook server) must be set for --cert-mode self-managed");
        assertThatThrownBy(() -> SelfCertSettings.extract(
                new String[]{"--cert-mode", "self-managed", "--cert-validity", "3d"}, Map.of("POD_NAMESPACE", "a")))
                .hasMessage("--cert-validity (or ASO_WEBHOOK_CERT_VALIDITY) must be a duration such as 2160h, 90m, 45s or 500ms,"
                        + " got \"3d\"");
        assertThatThrownBy(() -> SelfCertSettings.extract(
                new String[]{"--cert-mode", "self-managed", "--cert-validity", "5s"}, Map.of("POD_NAMESPACE", "a")))
                .hasMessage("--cert-validity must be at least 10s, got 5s");
        assertThatThrownBy(() -> SelfCertSettings.extract(
                new String[]{"--cert-mode", "self-managed", "--inject-selector", "app"}, Map.of("POD_NAMESPACE", "a")))
                .hasMessageStartingWith("--inject-selector must be label=value pairs");
        assertThatThrownBy(() -> SelfCertSettings.extract(
                new String[]{"--cert-mode", "self-managed", "--cert-extra-names", "a_b"}, Map.of("POD_NAMESPACE", "a")))
                .hasMessage("--cert-extra-names: \"a_b\" is not a DNS name or IP address");
    }
}
