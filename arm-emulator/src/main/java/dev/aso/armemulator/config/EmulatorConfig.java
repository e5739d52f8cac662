package dev.aso.armemulator.config;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aso.armemulator.admin.FaultRule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Everything the emulator can be told in its JSON config file. Absent fields take the defaults
 * of {@link #defaults()}; see docs/arm-emulator.md for the meaning of each.
 */
public record EmulatorConfig(
        List<TenantConfig> tenants,
        List<ClientConfig> clients,
        LroPolicy defaultLro,
        Map<String, LroPolicy> lro,
        Map<String, String> apiVersionAliases,
        List<FaultRule> faults,
        Integer tokenLifetimeSeconds,
        String secretSeed,
        List<String> hostnames,
        Integer requestLogSize,
        String adminToken) {

    public static final String DEFAULT_TENANT = "00000000-0000-0000-0000-0000000000aa";
    public static final String DEFAULT_SUBSCRIPTION = "00000000-0000-0000-0000-0000000000bb";
    public static final String DEFAULT_CLIENT = "00000000-0000-0000-0000-0000000000cc";
    public static final String DEFAULT_SECRET = "emulator-client-secret";

    /**
     * The api-versions ASO serves kinds at whose type definitions are not published (azure-types/README.md): served
     * with the shape of the nearest published version, as the generator shapes those kinds. A config's own aliases
     * come on top.
     */
    static final Map<String, String> UNPUBLISHED_VERSIONS = Map.of(
            "Microsoft.Web/serverfarms@2025-05-01", "2025-03-01",
            "Microsoft.Web/sites@2025-05-01", "2025-03-01",
            "Microsoft.Web/sites/sourcecontrols@2025-05-01", "2025-03-01",
            "Microsoft.Compute/disks@2020-09-30", "2020-12-01",
            "Microsoft.Compute/snapshots@2020-09-30", "2020-12-01");

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public EmulatorConfig {
        tenants = tenants == null ? List.of(new TenantConfig(DEFAULT_TENANT, "Emulator tenant",
                List.of(new SubscriptionConfig(DEFAULT_SUBSCRIPTION, "Emulator subscription")))) : List.copyOf(tenants);
        clients = clients == null ? List.of(new ClientConfig(DEFAULT_CLIENT, DEFAULT_TENANT, DEFAULT_SECRET, null, null,
                List.of(DEFAULT_SUBSCRIPTION))) : List.copyOf(clients);
        defaultLro = LroPolicy.DEFAULT.overriddenBy(defaultLro);
        lro = lro == null ? Map.of() : Map.copyOf(lro);
        Map<String, String> aliases = new java.util.HashMap<>(UNPUBLISHED_VERSIONS);
        if (apiVersionAliases != null) {
            aliases.putAll(apiVersionAliases);
        }
        apiVersionAliases = Map.copyOf(aliases);
        faults = faults == null ? List.of() : List.copyOf(faults);
        tokenLifetimeSeconds = tokenLifetimeSeconds == null ? 3600 : tokenLifetimeSeconds;
        hostnames = hostnames == null ? List.of() : List.copyOf(hostnames);
        requestLogSize = requestLogSize == null ? 10_000 : requestLogSize;
    }

    /** One tenant, one subscription, one client with a secret: the constants above. */
    public static EmulatorConfig defaults() {
        return new EmulatorConfig(null, null, null, null, null, null, null, null, null, null, null);
    }

    public static EmulatorConfig load(Path file) {
        try {
            return parse(Files.readString(file));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the config file " + file + ": " + e.getMessage(), e);
        }
    }

    public static EmulatorConfig parse(String json) {
        try {
            return JSON.readValue(json, EmulatorConfig.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("invalid emulator config: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new IllegalArgumentException("invalid emulator config: " + e.getMessage(), e);
        }
    }

    public record TenantConfig(String id, String displayName, List<SubscriptionConfig> subscriptions) {
        public TenantConfig {
            subscriptions = subscriptions == null ? List.of() : List.copyOf(subscriptions);
        }
    }

    public record SubscriptionConfig(String id, String displayName) {
    }

    /**
     * A service principal: authenticates with a secret, a certificate (PEM, public part) or federated
     * client assertions, and may use the listed subscriptions.
     */
    public record ClientConfig(String clientId, String tenantId, String secret, List<String> certificates,
                               List<FederatedCredential> federatedCredentials, List<String> subscriptions) {
        public ClientConfig {
            certificates = certificates == null ? List.of() : List.copyOf(certificates);
            federatedCredentials = federatedCredentials == null ? List.of() : List.copyOf(federatedCredentials);
            subscriptions = subscriptions == null ? List.of() : List.copyOf(subscriptions);
        }
    }

    /**
     * Trust for client assertions issued by another identity provider (workload identity): the
     * assertion's iss, sub and aud must match, and its signature must verify with the public key
     * (PEM: a certificate or a PUBLIC KEY block).
     */
    public record FederatedCredential(String issuer, String subject, List<String> audiences, String publicKeyPem) {
        public FederatedCredential {
            audiences = audiences == null || audiences.isEmpty() ? List.of("api://AzureADTokenExchange") : List.copyOf(audiences);
        }
    }
}
