package dev.aso.armemulator.identity;

import dev.aso.armemulator.config.EmulatorConfig;
import dev.aso.armemulator.config.EmulatorConfig.ClientConfig;
import dev.aso.armemulator.config.EmulatorConfig.SubscriptionConfig;
import dev.aso.armemulator.config.EmulatorConfig.TenantConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The tenants, their subscriptions and the registered clients. Thread-safe; changed by config and the admin API. */
public final class Directory {
    /** A subscription and the tenant it belongs to. */
    public record Subscription(String id, String tenantId, String displayName) {
    }

    private final Map<String, TenantConfig> tenants = new LinkedHashMap<>();
    private final Map<String, Subscription> subscriptions = new LinkedHashMap<>();
    private final Map<String, ClientConfig> clients = new LinkedHashMap<>();

    public Directory(EmulatorConfig config) {
        config.tenants().forEach(this::putTenant);
        config.clients().forEach(this::putClient);
    }

    public synchronized void putTenant(TenantConfig tenant) {
        require(tenant.id(), "tenant id");
        tenants.put(key(tenant.id()), tenant);
        for (SubscriptionConfig s : tenant.subscriptions()) {
            require(s.id(), "subscription id");
            subscriptions.put(key(s.id()), new Subscription(s.id(), tenant.id(), s.displayName() == null ? s.id() : s.displayName()));
        }
    }

    /** Registers or replaces a client; its tenant and subscriptions must exist, the subscriptions in its tenant. */
    public synchronized void putClient(ClientConfig client) {
        require(client.clientId(), "clientId");
        require(client.tenantId(), "tenantId of client " + client.clientId());
        if (!tenants.containsKey(key(client.tenantId()))) {
            throw new IllegalArgumentException("client " + client.clientId() + " names tenant " + client.tenantId()
                    + ", which is not configured: add it under tenants");
        }
        for (String s : client.subscriptions()) {
            Subscription sub = subscriptions.get(key(s));
            if (sub == null || !sub.tenantId().equalsIgnoreCase(client.tenantId())) {
                throw new IllegalArgumentException("client " + client.clientId() + " lists subscription " + s
                        + ", which is not a subscription of its tenant " + client.tenantId());
            }
        }
        if (client.secret() == null && client.certificates().isEmpty() && client.federatedCredentials().isEmpty()) {
            throw new IllegalArgumentException("client " + client.clientId()
                    + " has no credential: give it a secret, certificates or federatedCredentials");
        }
        for (String pem : client.certificates()) {
            checkKey(client, pem, "a certificate");
        }
        for (var f : client.federatedCredentials()) {
            if (f.issuer() == null || f.subject() == null || f.publicKeyPem() == null) {
                throw new IllegalArgumentException("client " + client.clientId()
                        + ": a federated credential needs issuer, subject and publicKeyPem (the issuer's signing key or certificate)");
            }
            checkKey(client, f.publicKeyPem(), "the federated credential of issuer " + f.issuer());
        }
        clients.put(key(client.clientId()), client);
    }

    public synchronized Optional<TenantConfig> tenant(String id) {
        return Optional.ofNullable(tenants.get(key(id)));
    }

    public synchronized Optional<ClientConfig> client(String clientId) {
        return Optional.ofNullable(clients.get(key(clientId)));
    }

    public synchronized Optional<Subscription> subscription(String id) {
        return Optional.ofNullable(subscriptions.get(key(id)));
    }

    /** The subscriptions the client may use, in registration order. */
    public synchronized List<Subscription> subscriptionsOf(String clientId) {
        List<Subscription> out = new ArrayList<>();
        client(clientId).ifPresent(c -> c.subscriptions().forEach(s -> subscription(s).ifPresent(out::add)));
        return out;
    }

    public synchronized boolean mayUse(String clientId, String subscriptionId) {
        return client(clientId).map(c -> c.subscriptions().stream().anyMatch(s -> s.equalsIgnoreCase(subscriptionId))).orElse(false);
    }

    public synchronized List<TenantConfig> tenants() {
        return List.copyOf(tenants.values());
    }

    public synchronized List<ClientConfig> clients() {
        return List.copyOf(clients.values());
    }

    private static void checkKey(ClientConfig client, String pem, String what) {
        try {
            dev.aso.armemulator.tls.Pem.publicKey(pem);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("client " + client.clientId() + ": " + what + " is not usable: " + e.getMessage(), e);
        }
    }

    private static String key(String id) {
        return id == null ? "" : id.toLowerCase(Locale.ROOT);
    }

    private static void require(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " is missing");
        }
    }
}
