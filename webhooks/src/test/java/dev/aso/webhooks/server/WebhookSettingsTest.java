package dev.aso.webhooks.server;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WebhookSettingsTest {

    @Test
    void defaultsFlagsAndEnvironment() {
        WebhookSettings defaults = WebhookSettings.parse(new String[0], Map.of());
        assertThat(defaults.port()).isEqualTo(9443);
        assertThat(defaults.metricsPort()).isEqualTo(8081);
        assertThat(defaults.bind()).isEqualTo("0.0.0.0");
        assertThat(defaults.certDir()).isEqualTo(WebhookSettings.DEFAULT_CERT_DIR);

        WebhookSettings set = WebhookSettings.parse(new String[]{"--port", "10443", "--metrics-port=9090",
                "--cert-dir", "/certs"}, Map.of("ASO_WEBHOOK_PORT", "1", "ASO_WEBHOOK_BIND", "127.0.0.1"));
        assertThat(set.port()).isEqualTo(10443);
        assertThat(set.metricsPort()).isEqualTo(9090);
        assertThat(set.certDir()).isEqualTo(Path.of("/certs"));
        assertThat(set.bind()).isEqualTo("127.0.0.1");
    }

    @Test
    void badValuesAreClearErrors() {
        assertThatThrownBy(() -> WebhookSettings.parse(new String[]{"--port", "https"}, Map.of()))
                .hasMessage("--port (or ASO_WEBHOOK_PORT) must be a port number, got \"https\"");
        assertThatThrownBy(() -> WebhookSettings.parse(new String[]{"--port", "70000"}, Map.of()))
                .hasMessage("--port must be between 0 and 65535, got 70000");
        assertThatThrownBy(() -> WebhookSettings.parse(new String[]{"--metrics-port", "9443"}, Map.of()))
                .hasMessageContaining("give them different ports");
        assertThatThrownBy(() -> WebhookSettings.parse(new String[]{"--tls-dir", "/x"}, Map.of()))
                .hasMessageContaining("unknown flag --tls-dir; flags are --bind, --port, --metrics-port, --cert-dir");
        assertThatThrownBy(() -> WebhookSettings.parse(new String[]{"--port"}, Map.of())).hasMessage("--port needs a value");
    }
}
