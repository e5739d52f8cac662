package dev.aso.webhooks.selfcert;

import dev.aso.webhooks.server.SettingSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Settings of self-managed certificates ({@code --cert-mode self-managed}), from flags or, when a flag is absent,
 * the environment ({@code ASO_WEBHOOK_CERT_MODE}, ...):
 *
 * @param namespace   where the Secret lives and the Service is: {@code POD_NAMESPACE}
 * @param secretName  the Secret holding the CA and the serving certificate ({@code --cert-secret}, default
 *                    {@value #DEFAULT_SECRET})
 * @param serviceName the webhook Service, whose DNS names the certificate carries ({@code --service-name}, default
 *                    {@value #DEFAULT_SERVICE})
 * @param validity    lifetime of the serving certificate ({@code --cert-validity}, a Go duration such as
 *                    {@code 2160h}); the CA lives ten times as long; both are renewed after two thirds
 * @param extraNames  more DNS names or IP addresses for the certificate ({@code --cert-extra-names}, comma-separated)
 * @param selector    label selector of the webhook configurations and CRDs that get the caBundle
 *                    ({@code --inject-selector}, default {@value #DEFAULT_SELECTOR})
 */
public record SelfCertSettings(String namespace, String secretName, String serviceName, Duration validity,
                               List<String> extraNames, String selector) {

    public static final String DEFAULT_SECRET = "webhook-server-cert";
    public static final String DEFAULT_SERVICE = "azureserviceoperator-webhook-service";
    public static final String DEFAULT_SELECTOR = "app.kubernetes.io/name=azure-service-operator";
    static final List<String> FLAGS =
            List.of("cert-mode", "cert-secret", "service-name", "cert-validity", "cert-extra-names", "inject-selector");
    private static final Pattern NAME = Pattern.compile("[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?");

    public SelfCertSettings {
        require(namespace, "POD_NAMESPACE (the namespace of the webhook server)");
        require(secretName, "--cert-secret");
        require(serviceName, "--service-name");
        if (validity.compareTo(Duration.ofSeconds(10)) < 0) {
            throw new IllegalArgumentException("--cert-validity must be at least 10s, got " + validity.toSeconds() + "s");
        }
        extraNames = List.copyOf(extraNames);
        CaBundleInjector.parseSelector(selector);
    }

    /** The certificate's names: the Service's DNS names, then the extra ones. */
    public List<String> dnsNames() {
        List<String> names = new ArrayList<>();
        names.add(serviceName + "." + namespace + ".svc");
        names.add(serviceName + "." + namespace + ".svc.cluster.local");
        names.addAll(extraNames);
        return names;
    }

    public Duration caValidity() {
        return validity.multipliedBy(10);
    }

    /** How often the Secret is checked: a twentieth of the validity, between 1 s and 5 min. */
    public Duration checkInterval() {
        Duration d = validity.dividedBy(20);
        if (d.compareTo(Duration.ofSeconds(1)) < 0) {
            return Duration.ofSeconds(1);
        }
        return d.compareTo(Duration.ofMinutes(5)) > 0 ? Duration.ofMinutes(5) : d;
    }

    /** The settings and the arguments left for the server's own flags. */
    public record Parsed(SelfCertSettings settings, String[] remainingArgs) {
        public boolean selfManaged() {
            return settings != null;
        }
    }

    /**
     * Takes this package's flags out of {@code args}. {@code settings} is null unless the mode ({@code --cert-mode}
     * or {@code ASO_WEBHOOK_CERT_MODE}) is {@code self-managed}; the default mode {@code files} reads a certificate
     * that cert-manager (or anyone) writes into the certificate directory.
     *
     * @throws IllegalArgumentException naming the flag and what is expected
     */
    public static Parsed extract(String[] args, Map<String, String> env) {
        List<String> rest = new ArrayList<>();
        Map<String, String> values = new java.util.HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String name = arg.startsWith("--") ? arg.substring(2) : "";
            int eq = name.indexOf('=');
            String flag = eq >= 0 ? name.substring(0, eq) : name;
            if (!FLAGS.contains(flag)) {
                rest.add(arg);
                if (!arg.contains("=") && i + 1 < args.length && arg.startsWith("--")) {
                    rest.add(args[++i]);
                }
                continue;
            }
            if (eq >= 0) {
                values.put(flag, name.substring(eq + 1));
            } else if (i + 1 < args.length) {
                values.put(flag, args[++i]);
            } else {
                throw new IllegalArgumentException("--" + flag + " needs a value");
            }
        }
        SettingSource source = new SettingSource(values, env);
        String mode = source.text("cert-mode", "files");
        if (mode.equals("files")) {
            return new Parsed(null, rest.toArray(String[]::new));
        }
        if (!mode.equals("self-managed")) {
            throw new IllegalArgumentException("--cert-mode (or ASO_WEBHOOK_CERT_MODE) must be files or self-managed, got \""
                    + mode + "\"");
        }
        List<String> extra = new ArrayList<>();
        for (String n : source.text("cert-extra-names", "").split(",")) {
            String trimmed = n.strip().toLowerCase(Locale.ROOT);
            if (trimmed.isEmpty()) {
                continue;
            }
            if (!NAME.matcher(trimmed).matches() && !trimmed.contains(":")) {
                throw new IllegalArgumentException("--cert-extra-names: \"" + trimmed
                        + "\" is not a DNS name or IP address");
            }
            extra.add(trimmed);
        }
        SelfCertSettings settings = new SelfCertSettings(
                env.getOrDefault("POD_NAMESPACE", "").strip(),
                source.text("cert-secret", DEFAULT_SECRET),
                source.text("service-name", DEFAULT_SERVICE),
                source.duration("cert-validity", "2160h"),
                extra,
                source.text("inject-selector", DEFAULT_SELECTOR));
        return new Parsed(settings, rest.toArray(String[]::new));
    }

    private static void require(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " must be set for --cert-mode self-managed");
        }
    }

    @Override
    public String toString() {
        return "self-managed certificates in Secret " + namespace + "/" + secretName + " for " + dnsNames()
                + ", valid " + validity + ", caBundle injected into objects labelled " + selector;
    }
}
