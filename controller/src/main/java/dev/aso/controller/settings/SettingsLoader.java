package dev.aso.controller.settings;

import dev.aso.api.meta.GoDuration;
import dev.aso.api.meta.ReconcilePolicy;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Reads {@link Settings} from the {@code aso-controller-settings} Secret's data with the environment on top (the
 * environment wins), applying ASO's defaults and reporting every invalid value at once, each naming its key.
 */
public final class SettingsLoader {

    public static final String SETTINGS_SECRET = "aso-controller-settings";
    private static final Pattern GUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

    private final Map<String, String> values;
    private final List<String> problems = new ArrayList<>();

    private SettingsLoader(Map<String, String> secretData, Map<String, String> env) {
        Map<String, String> merged = new HashMap<>();
        secretData.forEach((k, v) -> putIfSet(merged, k, v));
        env.forEach((k, v) -> putIfSet(merged, k, v));
        this.values = merged;
    }

    /** @throws SettingsException naming every invalid key */
    public static Settings load(Map<String, String> secretData, Map<String, String> env) {
        return new SettingsLoader(secretData, env).build();
    }

    private Settings build() {
        String subscription = guid("AZURE_SUBSCRIPTION_ID");
        String tenant = guid("AZURE_TENANT_ID");
        String client = text("AZURE_CLIENT_ID", null);
        Sensitive secret = Sensitive.ofNullable(values.get("AZURE_CLIENT_SECRET"));
        Sensitive certificate = Sensitive.ofNullable(values.get("AZURE_CLIENT_CERTIFICATE"));
        Sensitive certificatePassword = Sensitive.ofNullable(values.get("AZURE_CLIENT_CERTIFICATE_PASSWORD"));
        boolean workloadIdentity = bool("USE_WORKLOAD_IDENTITY_AUTH", false);
        if (secret != null && certificate != null) {
            problems.add("AZURE_CLIENT_SECRET and AZURE_CLIENT_CERTIFICATE are both set: set only one");
        }
        if (workloadIdentity && (secret != null || certificate != null)) {
            problems.add("USE_WORKLOAD_IDENTITY_AUTH is true but AZURE_CLIENT_SECRET or AZURE_CLIENT_CERTIFICATE is set: remove them");
        }
        if (certificatePassword != null && certificate == null) {
            problems.add("AZURE_CLIENT_CERTIFICATE_PASSWORD is set without AZURE_CLIENT_CERTIFICATE");
        }
        boolean anyCredential = secret != null || certificate != null || workloadIdentity;
        if (anyCredential && (client == null || tenant == null || subscription == null)) {
            problems.add("a global credential needs AZURE_SUBSCRIPTION_ID, AZURE_TENANT_ID and AZURE_CLIENT_ID: "
                    + missing("AZURE_SUBSCRIPTION_ID", "AZURE_TENANT_ID", "AZURE_CLIENT_ID") + " missing");
        }
        if (!anyCredential && client != null) {
            problems.add("AZURE_CLIENT_ID is set without AZURE_CLIENT_SECRET, AZURE_CLIENT_CERTIFICATE or USE_WORKLOAD_IDENTITY_AUTH=true");
        }
        URI authority = https("AZURE_AUTHORITY_HOST", "https://login.microsoftonline.com/");
        URI arm = https("AZURE_RESOURCE_MANAGER_ENDPOINT", "https://management.azure.com/");
        String audience = text("AZURE_RESOURCE_MANAGER_AUDIENCE", "https://management.core.windows.net/");
        Optional<Duration> sync = syncPeriod();
        List<String> namespaces = namespaces();
        Settings.OperatorMode mode = parsed("AZURE_OPERATOR_MODE", "watchers-and-webhooks", text ->
                Arrays.stream(Settings.OperatorMode.values()).filter(m -> m.value().equals(text)).findFirst().orElse(null),
                "one of watchers-and-webhooks, watchers, webhooks");
        int concurrency = integer("MAX_CONCURRENT_RECONCILES", 4, 1, 1000);
        Settings.RateLimit rateLimit = rateLimit();
        Settings.ArmBudget armBudget = armBudget();
        ReconcilePolicy policy = parsed("DEFAULT_RECONCILE_POLICY", "manage", t -> ReconcilePolicy.parse(t).orElse(null),
                "one of manage, skip, detach-on-delete");
        String podNamespace = text("POD_NAMESPACE", "azureserviceoperator-system");
        if (!DNS_LABEL.matcher(podNamespace).matches()) {
            problems.add("POD_NAMESPACE: '" + podNamespace + "' is not a valid namespace name");
        }
        Path federatedTokenFile = Path.of(text("AZURE_FEDERATED_TOKEN_FILE", "/var/run/secrets/tokens/azure-identity"));
        Path extraCa = existingFile("AZURE_ADDITIONAL_CA_CERTIFICATES");
        String crdPattern = text("CRD_PATTERN", "");
        Duration operationTimeout = duration("OPERATION_TIMEOUT", "2h");
        URI graph = https("AZURE_GRAPH_ENDPOINT", "https://graph.microsoft.com/");
        String graphAudience = text("AZURE_GRAPH_AUDIENCE", "https://graph.microsoft.com");
        int shardCount = integer("SHARD_COUNT", 1, 1, 256);
        Settings.StreamingLists streamingLists = parsed("STREAMING_LISTS", "auto", text ->
                Arrays.stream(Settings.StreamingLists.values()).filter(v -> v.value().equals(text)).findFirst()
                        .orElse(null), "one of auto, true, false");
        if (!problems.isEmpty()) {
            throw new SettingsException(problems);
        }
        return new Settings(subscription, tenant, client, secret, certificate, certificatePassword, workloadIdentity,
                federatedTokenFile, authority, arm, audience, sync, namespaces, mode, concurrency, rateLimit, policy,
                podNamespace, crdPattern, extraCa, operationTimeout, graph, graphAudience, armBudget, shardCount,
                streamingLists);
    }

    private String missing(String... keys) {
        return String.join(", ", Arrays.stream(keys).filter(k -> !values.containsKey(k)).toList());
    }

    private String text(String key, String fallback) {
        return values.getOrDefault(key, fallback);
    }

    private String guid(String key) {
        String v = values.get(key);
        if (v != null && !GUID.matcher(v).matches()) {
            problems.add(key + ": '" + v + "' is not a GUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)");
        }
        return v;
    }

    private boolean bool(String key, boolean fallback) {
        String v = values.get(key);
        if (v == null) {
            return fallback;
        }
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "true", "1" -> true;
            case "false", "0" -> false;
            default -> {
                problems.add(key + ": '" + v + "' is not true or false");
                yield fallback;
            }
        };
    }

    private int integer(String key, int fallback, int min, int max) {
        String v = values.get(key);
        if (v == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add(key + ": '" + v + "' is not a whole number from " + min + " to " + max);
        return fallback;
    }

    private <T> T parsed(String key, String fallback, Function<String, T> parser, String expected) {
        String v = values.getOrDefault(key, fallback);
        T t = parser.apply(v.trim().toLowerCase(Locale.ROOT));
        if (t == null) {
            problems.add(key + ": '" + v + "' is not " + expected);
            return parser.apply(fallback);
        }
        return t;
    }

    private URI https(String key, String fallback) {
        String v = values.getOrDefault(key, fallback);
        try {
            URI uri = new URI(v.endsWith("/") ? v : v + "/");
            if ("https".equalsIgnoreCase(uri.getScheme()) && uri.getHost() != null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        problems.add(key + ": '" + v + "' is not an https:// URL (Azure SDK credentials refuse other schemes)");
        return URI.create(fallback);
    }

    private Optional<Duration> syncPeriod() {
        String v = values.getOrDefault("AZURE_SYNC_PERIOD", "1h");
        try {
            return GoDuration.syncPeriod(v);
        } catch (IllegalArgumentException e) {
            problems.add("AZURE_SYNC_PERIOD: " + e.getMessage());
            return Optional.of(Duration.ofHours(1));
        }
    }

    /** A Go duration greater than zero. */
    private Duration duration(String key, String fallback) {
        String v = values.getOrDefault(key, fallback);
        try {
            Duration d = GoDuration.parse(v);
            if (!d.isZero() && !d.isNegative()) {
                return d;
            }
            problems.add(key + ": '" + v + "' must be greater than zero");
        } catch (IllegalArgumentException e) {
            problems.add(key + ": " + e.getMessage());
        }
        return GoDuration.parse(fallback);
    }

    private List<String> namespaces() {
        String v = values.get("AZURE_TARGET_NAMESPACES");
        if (v == null || v.isBlank()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String ns : v.split(",")) {
            String n = ns.trim();
            if (!DNS_LABEL.matcher(n).matches()) {
                problems.add("AZURE_TARGET_NAMESPACES: '" + n + "' is not a valid namespace name (a comma-separated list is expected)");
            } else {
                out.add(n);
            }
        }
        return out;
    }

    private Settings.RateLimit rateLimit() {
        String mode = values.getOrDefault("RATE_LIMIT_MODE", "disabled").trim().toLowerCase(Locale.ROOT);
        if (!mode.equals("disabled") && !mode.equals("bucket")) {
            problems.add("RATE_LIMIT_MODE: '" + mode + "' is not disabled or bucket");
        }
        double qps = positiveNumber("RATE_LIMIT_QPS", 5);
        int bucket = integer("RATE_LIMIT_BUCKET_SIZE", 100, 1, 1_000_000);
        return new Settings.RateLimit(mode.equals("bucket"), qps, bucket);
    }

    /** ARM's throttling defaults per subscription and principal: reads 250 (25/s), writes 200 (10/s). */
    private Settings.ArmBudget armBudget() {
        return new Settings.ArmBudget(positiveNumber("ARM_READS_PER_SECOND", 25), integer("ARM_READ_BUCKET_SIZE", 250, 1, 1_000_000),
                positiveNumber("ARM_WRITES_PER_SECOND", 10), integer("ARM_WRITE_BUCKET_SIZE", 200, 1, 1_000_000));
    }

    private double positiveNumber(String key, double fallback) {
        String v = values.get(key);
        if (v == null) {
            return fallback;
        }
        try {
            double d = Double.parseDouble(v);
            if (!(d > 0)) {
                problems.add(key + ": '" + v + "' must be greater than 0");
            }
            return d > 0 ? d : fallback;
        } catch (NumberFormatException e) {
            problems.add(key + ": '" + v + "' is not a number");
            return fallback;
        }
    }

    private Path existingFile(String key) {
        String v = values.get(key);
        if (v == null) {
            return null;
        }
        Path p = Path.of(v);
        if (!Files.isReadable(p)) {
            problems.add(key + ": file '" + v + "' does not exist or cannot be read");
        }
        return p;
    }

    private static void putIfSet(Map<String, String> target, String key, String value) {
        if (value != null && !value.isEmpty()) {
            target.put(key, value);
        }
    }
}
