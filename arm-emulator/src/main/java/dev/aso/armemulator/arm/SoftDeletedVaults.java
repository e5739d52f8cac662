package dev.aso.armemulator.arm;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Key Vault's soft delete: a deleted vault is kept (90 days in Azure; here until purged, recovered or the emulator is
 * reset) under {@code /subscriptions/{s}/providers/Microsoft.KeyVault/locations/{location}/deletedVaults/{name}},
 * where it can be read and purged; its name stays taken until then: a PUT with {@code createMode: default} is refused
 * with 409 ConflictError, one with {@code createMode: recover} brings it back (and fails when there is none).
 */
final class SoftDeletedVaults {

    static final String VAULT_TYPE = "Microsoft.KeyVault/vaults";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern DELETED = Pattern.compile(
            "(?i)^/subscriptions/([^/]+)/providers/Microsoft\\.KeyVault/locations/([^/]+)/deletedVaults/([^/]+?)(/purge)?/?$");

    /** A request on a deleted vault: its subscription, location, name, and whether it is the purge action. */
    record DeletedVaultPath(String subscription, String location, String name, boolean purge) { }

    private record Deleted(String vaultId, String location, ObjectNode tags, String deletionDate) { }

    /** By subscription and name (vault names are unique, so the location only has to match). */
    private final Map<String, Deleted> deleted = new LinkedHashMap<>();

    static Optional<DeletedVaultPath> parse(String path) {
        Matcher m = DELETED.matcher(path);
        return m.matches() ? Optional.of(new DeletedVaultPath(m.group(1), m.group(2), m.group(3), m.group(4) != null))
                : Optional.empty();
    }

    static boolean isVault(StoredResource r) {
        return r.type.equalsIgnoreCase(VAULT_TYPE);
    }

    /** GET of a deleted vault, or the purge action (POST). */
    ArmResponse handle(String method, DeletedVaultPath p) {
        Deleted d = deleted.get(key(p.subscription(), p.name()));
        if (d == null || !d.location().equalsIgnoreCase(p.location().replace(" ", ""))) {
            throw new ArmException(404, "ResourceNotFound", "The Resource 'Microsoft.KeyVault/deletedVaults/" + p.name()
                    + "' under resource group '' was not found.");
        }
        if (p.purge()) {
            if (!method.equals("POST")) {
                throw new ArmException(405, "MethodNotAllowed", "The HTTP method '" + method + "' is not supported for this path.");
            }
            deleted.remove(key(p.subscription(), p.name()));
            return ArmResponse.of(200, null);
        }
        if (!method.equals("GET")) {
            throw new ArmException(405, "MethodNotAllowed", "The HTTP method '" + method + "' is not supported for this path.");
        }
        ObjectNode body = JSON.createObjectNode();
        body.put("id", "/subscriptions/" + p.subscription() + "/providers/Microsoft.KeyVault/locations/" + d.location()
                + "/deletedVaults/" + p.name()).put("name", p.name()).put("type", "Microsoft.KeyVault/deletedVaults");
        ObjectNode props = body.putObject("properties");
        props.put("vaultId", d.vaultId()).put("location", d.location()).put("deletionDate", d.deletionDate())
                .put("scheduledPurgeDate", Instant.parse(d.deletionDate()).plus(90, ChronoUnit.DAYS).toString())
                .put("purgeProtectionEnabled", false);
        props.set("tags", d.tags() == null ? JSON.createObjectNode() : d.tags());
        return ArmResponse.of(200, body);
    }

    /** A vault deleted in the store is kept as soft-deleted. */
    void deleted(String subscription, StoredResource vault, Instant at) {
        String name = vault.id.substring(vault.id.lastIndexOf('/') + 1);
        deleted.put(key(subscription, name), new Deleted(vault.id, vault.body.path("location").asText(),
                vault.body.get("tags") instanceof ObjectNode t ? t.deepCopy() : null, at.toString()));
    }

    /** Checks a PUT of a new vault against the soft-deleted ones; a recover takes the deleted vault back. */
    void beforeCreate(String subscription, String name, ObjectNode body) {
        String mode = body.path("properties").path("createMode").asText("default");
        Deleted d = deleted.get(key(subscription, name));
        if (mode.equalsIgnoreCase("recover")) {
            if (d == null) {
                throw new ArmException(404, "ResourceNotFound", "The vault '" + name + "' cannot be recovered: no deleted"
                        + " vault of that name exists in subscription '" + subscription + "'.");
            }
            deleted.remove(key(subscription, name));
        } else if (d != null) {
            throw new ArmException(409, "ConflictError", "A vault with the same name already exists in deleted state. You"
                    + " need to either recover or purge existing key vault. Follow this link"
                    + " https://go.microsoft.com/fwlink/?linkid=2149745 for more information on soft delete.");
        }
    }

    void clear() {
        deleted.clear();
    }

    private static String key(String subscription, String name) {
        return subscription.toLowerCase(Locale.ROOT) + "/" + name.toLowerCase(Locale.ROOT);
    }
}
