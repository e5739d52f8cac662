package dev.aso.webhooks.server;

import dev.aso.webhooks.admission.OperatorIdentities;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything a user can set on the webhook server, from flags ({@code --port 9443} or {@code --port=9443}) or,
 * when a flag is absent, the environment ({@code ASO_WEBHOOK_PORT}, ...). Checked when read.
 *
 * @param bind        address to listen on (flag {@code --bind}, env {@code ASO_WEBHOOK_BIND}, default 0.0.0.0)
 * @param port        HTTPS port for the webhooks ({@code --port}, {@code ASO_WEBHOOK_PORT}, default 9443; 0 = any)
 * @param metricsPort plain HTTP port for /healthz, /readyz, /metrics ({@code --metrics-port},
 *                    {@code ASO_WEBHOOK_METRICS_PORT}, default 8081; 0 = any)
 * @param certDir     directory with tls.crt and tls.key ({@code --cert-dir}, {@code ASO_WEBHOOK_CERT_DIR},
 *                    default /tmp/k8s-webhook-server/serving-certs as controller-runtime)
 * @param instances   event loops serving HTTPS (default: the number of CPUs)
 * @param certPoll    how often the certificate files are re-read when no change event arrives (10 s)
 * @param shutdownGrace how long in-flight requests may take to finish at shutdown (30 s)
 * @param operator    who may set the operator-owned annotations ({@code --operator-identities},
 *                    {@code ASO_WEBHOOK_OPERATOR_IDENTITIES}, comma-separated usernames; default the chart's controller
 *                    ServiceAccount in {@code POD_NAMESPACE})
 * @param limits      what clients may hold of the server ({@link ServerLimits}: {@code --idle-timeout},
 *                    {@code --body-timeout}, {@code --max-connections}, {@code --max-concurrent-streams},
 *                    {@code --max-body-bytes-in-flight})
 */
public record WebhookSettings(String bind, int port, int metricsPort, Path certDir, int instances, Duration certPoll,
                              Duration shutdownGrace, OperatorIdentities operator, ServerLimits limits) {

    public static final Path DEFAULT_CERT_DIR = Path.of("/tmp/k8s-webhook-server/serving-certs");

    public WebhookSettings {
        checkPort("port", port);
        checkPort("metrics-port", metricsPort);
        if (port != 0 && port == metricsPort) {
            throw new IllegalArgumentException("--port and --metrics-port are both " + port + "; give them different ports");
        }
        if (bind == null || bind.isBlank()) {
            throw new IllegalArgumentException("--bind must be an address, e.g. 0.0.0.0 or 127.0.0.1");
        }
        if (instances < 1) {
            throw new IllegalArgumentException("instances must be at least 1, got " + instances);
        }
        Objects.requireNonNull(operator, "operator");
        Objects.requireNonNull(limits, "limits");
    }

    /** @throws IllegalArgumentException naming the flag or variable and what is expected */
    public static WebhookSettings parse(String[] args, Map<String, String> env) {
        List<String> known = new ArrayList<>(List.of("bind", "port", "metrics-port", "cert-dir", "operator-identities"));
        known.addAll(ServerLimits.FLAGS);
        SettingSource settings = new SettingSource(Flags.parse(args, known.toArray(String[]::new)), env);
        return new WebhookSettings(
                settings.text("bind", "0.0.0.0"),
                settings.port("port", 9443),
                settings.port("metrics-port", 8081),
                Path.of(settings.text("cert-dir", DEFAULT_CERT_DIR.toString())),
                Runtime.getRuntime().availableProcessors(),
                Duration.ofSeconds(10),
                Duration.ofSeconds(30),
                operator(settings, env.getOrDefault("POD_NAMESPACE", "").strip()),
                ServerLimits.read(settings));
    }

    private static OperatorIdentities operator(SettingSource settings, String namespace) {
        String flag = "--operator-identities (or " + SettingSource.envName("operator-identities") + ")";
        String given = settings.text("operator-identities", null);
        if (given == null && namespace.isEmpty()) {
            throw new IllegalArgumentException(flag + " is not set, nor POD_NAMESPACE, from which it defaults to"
                    + " system:serviceaccount:<POD_NAMESPACE>:" + OperatorIdentities.CONTROLLER_SERVICE_ACCOUNT
                    + "; set the usernames the controller acts as");
        }
        if (given == null) {
            return OperatorIdentities.controllerIn(namespace);
        }
        try {
            return OperatorIdentities.parse(given);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(flag + " must be comma-separated usernames, such as"
                    + " system:serviceaccount:aso:" + OperatorIdentities.CONTROLLER_SERVICE_ACCOUNT + ", got \""
                    + given + "\"");
        }
    }

    private static void checkPort(String flag, int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("--" + flag + " must be between 0 and 65535, got " + port);
        }
    }
}
