package dev.aso.webhooks.server;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WebhookSettingsTest {

    private static final Map<String, String> IN_CLUSTER = Map.of("POD_NAMESPACE", "aso");

    @Test
    void defaultsFlagsAndEnvironment() {
        WebhookSettings defaults = WebhookSettings.parse(new String[0], IN_CLUSTER);
        assertThat(defaults.port()).isEqualTo(9443);
        assertThat(defaults.metricsPort()).isEqualTo(8081);
        assertThat(defaults.bind()).isEqualTo("0.0.0.0");
        assertThat(defaults.certDir()).isEqualTo(WebhookSettings.DEFAULT_CERT_DIR);
        assertThat(defaults.operator().usernames()).containsExactly("system:serviceaccount:aso:azureserviceoperator-default");

        WebhookSettings set = WebhookSettings.parse(new String[]{"--port", "10443", "--metrics-port=9090",
                "--cert-dir", "/certs"}, Map.of("ASO_WEBHOOK_PORT", "1", "ASO_WEBHOOK_BIND", "127.0.0.1",
                "ASO_WEBHOOK_OPERATOR_IDENTITIES", " admin, system:serviceaccount:t1:azureserviceoperator-default ,"));
        assertThat(set.port()).isEqualTo(10443);
        assertThat(set.metricsPort()).isEqualTo(9090);
        assertThat(set.certDir()).isEqualTo(Path.of("/certs"));
        assertThat(set.bind()).isEqualTo("127.0.0.1");
        assertThat(set.operator().usernames())
                .containsExactlyInAnyOrder("admin", "system:serviceaccount:t1:azureserviceoperator-default");
        assertThat(WebhookSettings.parse(new String[]{"--operator-identities=me"}, IN_CLUSTER).operator().usernames())
                .containsExactly("me");
    }

    @Test
    void limitsHaveDefaultsAndAreSetByFlagOrEnvironment() {
        assertThat(WebhookSettings.parse(new String[0], IN_CLUSTER).limits()).isEqualTo(ServerLimits.DEFAULTS)
                .isEqualTo(new ServerLimits(Duration.ofSeconds(120), Duration.ofSeconds(10), 1000, 250, 64L << 20));
        Map<String, String> env = new HashMap<>(IN_CLUSTER);
        env.put("ASO_WEBHOOK_MAX_CONNECTIONS", "10");
        env.put("ASO_WEBHOOK_IDLE_TIMEOUT", "1h");
        ServerLimits set = WebhookSettings.parse(new String[]{"--idle-timeout", "1m30s", "--body-timeout=500ms",
                "--max-concurrent-streams", "50", "--max-body-bytes-in-flight", "131072Ki"}, env).limits();
        assertThat(set).isEqualTo(new ServerLimits(Duration.ofSeconds(90), Duration.ofMillis(500), 10, 50, 128L << 20));
    }

    @Test
    void badLimitsAreClearErrors() {
        assertThatThrownBy(() -> WebhookSettings.parse(new String[]{"--body-timeout", "10"}, IN_CLUSTER))
                .hasMessage("--body-timeout (or ASO_WEBHOOK_BODY_TIMEOUT) must be a duration such as 2160h, 90m, 45s or"
                        + " 500ms, got \"10\"");
        assertThatThrownBy(() -> WebhookSettings.parse(new String[]{"--idle-timeout", "0s"}, IN_CLUSTER))
                .hasMessage("--idle-timeout must be longer than 0, got 0ms");
        assertThatThrownBy(() -> WebhookSettings.parse(new String[0], Map.of("POD_NAMESPACE", "aso",
                "ASO_WEBHOOK_MAX_CONNECTIONS", "0")))
                .hasMessage("--max-connections (or ASO_WEBHOOK_MAX_CONNECTIONS) must be a whole number of at least 1,"
                        + " got \"0\"");
        assertThatThrownBy(() -> WebhookSettings.parse(new String[]{"--max-concurrent-streams", "5000000000"},
                IN_CLUSTER)).hasMessage("--max-concurrent-streams must be between 1 and 4294967295, got 5000000000");
        assertThatThrownBy(() -> WebhookSettings.parse(new String[]{"--max-body-bytes-in-flight", "64MB"}, IN_CLUSTER))
                .hasMessage("--max-body-bytes-in-flight (or ASO_WEBHOOK_MAX_BODY_BYTES_IN_FLIGHT) must be a number of"
                        + " bytes such as 67108864, 65536Ki or 64Mi, got \"64MB\"");
        assertThatThrownBy(() -> WebhookSettings.parse(new String[]{"--max-body-bytes-in-flight", "1Mi"}, IN_CLUSTER))
                .hasMessage("--max-body-bytes-in-flight must be at least 7340032 (7Mi, the largest body, which would"
                        + " never be served otherwise), got 1048576");
    }

    @Test
    void badValuesAreClearErrors() {
        assertThatThrownBy(() -> WebhookSettings.parse(new String[]{"--port", "https"}, IN_CLUSTER))
                .hasMessage("--port (or ASO_WEBHOOK_PORT) must be a port number, got \"https\"");
        assertThatThrownBy(() -> WebhookSettings.parse(new String[]{"--port", "70000"}, IN_CLUSTER))
                .hasMessage("--port must be between 0 and 65535, got 70000");
        assertThatThrownBy(() -> WebhookSettings.parse(new String[]{"--metrics-port", "9443"}, IN_CLUSTER))
                .hasMessageContaining("give them different ports");
        assertThatThrownBy(() -> WebhookSettings.parse(new String[]{"--tls-dir", "/x"}, IN_CLUSTER))
                .hasMessageContaining("unknown flag --tls-dir; flags are --bind, --port, --metrics-port, --cert-dir");
        assertThatThrownBy(() -> WebhookSettings.parse(new String[0], Map.of())).hasMessage("--operator-identities (or"
                + " ASO_WEBHOOK_OPERATOR_IDENTITIES) is not set, nor POD_NAMESPACE, from which it defaults to"
                + " system:serviceaccount:<POD_NAMESPACE>:azureserviceoperator-default; set the usernames the"
                + " controller acts as");
        assertThatThrownBy(() -> WebhookSettings.parse(new String[]{"--operator-identities", " , "}, IN_CLUSTER))
                .hasMessage("--operator-identities (or ASO_WEBHOOK_OPERATOR_IDENTITIES) must be comma-separated"
                        + " usernames, such as system:serviceaccount:aso:azureserviceoperator-default, got \",\"");
        assertThatThrownBy(() -> WebhookSettings.parse(new String[]{"--port"}, IN_CLUSTER)).hasMessage("--port needs a value");
    }
}
