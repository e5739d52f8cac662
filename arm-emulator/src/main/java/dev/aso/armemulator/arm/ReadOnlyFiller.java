package dev.aso.armemulator.arm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aso.armemulator.types.ResourceTypeDef;
import dev.aso.armemulator.types.TypeFile;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Fills the read-only values Azure sets: id, name, type, systemData, and identifiers that are
 * read-only UUIDs in the type definition (principalId, clientId, tenantId, ... — stable for a
 * resource id, the tenant being the caller's), walking the objects the body has; then the
 * type-specific {@link ResourceDefaults}.
 */
public final class ReadOnlyFiller {
    private static final Set<String> ID_NAMES = Set.of("principalid", "clientid", "tenantid", "objectid");
    private static final String UUID_PATTERN_HINT = "[0-9a-fA-F]{8}";

    private final Map<String, ResourceDefaults> defaults;

    public ReadOnlyFiller(List<ResourceDefaults> defaults) {
        this.defaults = new java.util.HashMap<>();
        // several for one type fill in turn, a later one over an earlier one's values
        defaults.forEach(d -> this.defaults.merge(d.resourceType().toLowerCase(Locale.ROOT), d, ResourceDefaults::andThen));
    }

    /**
     * The provider values, Redis's defaults, and database servers reporting {@code databaseHost} (null: Azure's
     * {@code <name>.postgres.database.azure.com}, ...).
     */
    public static ReadOnlyFiller standard(ProviderValues providerValues, String databaseHost) {
        List<ResourceDefaults> defaults = new java.util.ArrayList<>(providerValues.readOnlyDefaults());
        defaults.add(new RedisDefaults());
        if (databaseHost != null) {
            defaults.addAll(DatabaseServerDefaults.all(databaseHost)); // over Azure's names
        }
        return new ReadOnlyFiller(defaults);
    }

    /** What a fill needs to know about the write. */
    public record Context(String id, String name, String tenantId, String clientId, String now, ObjectNode previousSystemData) {
    }

    public void fill(ResourceTypeDef def, ObjectNode body, Context ctx) {
        body.put("id", ctx.id());
        body.put("name", ctx.name());
        body.put("type", def.name());
        Map<String, JsonNode> top = def.file().properties(def.body(), body);
        if (top.containsKey("systemData")) {
            ObjectNode prev = ctx.previousSystemData();
            ObjectNode sd = body.putObject("systemData");
            sd.put("createdBy", prev != null ? prev.path("createdBy").asText() : ctx.clientId());
            sd.put("createdByType", "Application");
            sd.put("createdAt", prev != null ? prev.path("createdAt").asText() : ctx.now());
            sd.put("lastModifiedBy", ctx.clientId());
            sd.put("lastModifiedByType", "Application");
            sd.put("lastModifiedAt", ctx.now());
        }
        JsonNode propsProp = top.get("properties");
        if (propsProp != null && !body.has("properties")) {
            ObjectNode fresh = body.objectNode();
            identifiers(def.file(), def.file().resolve(propsProp.get("type")), fresh, ctx, "properties");
            if (!fresh.isEmpty()) {
                body.set("properties", fresh);
            }
        }
        identifiers(def.file(), def.body(), body, ctx, "");
        ResourceDefaults d = defaults.get(def.name().toLowerCase(Locale.ROOT));
        if (d != null) {
            d.fill(body);
        }
    }

    private void identifiers(TypeFile file, JsonNode type, JsonNode value, ReadOnlyFiller.Context ctx, String path) {
        if (!(value instanceof ObjectNode obj) || "none".equalsIgnoreCase(obj.path("type").asText())) {
            return;
        }
        Map<String, JsonNode> props = file.properties(type, obj);
        for (Map.Entry<String, JsonNode> p : props.entrySet()) {
            JsonNode propType = file.resolve(p.getValue().get("type"));
            String childPath = path.isEmpty() ? p.getKey() : path + "." + p.getKey();
            if ((TypeFile.flags(p.getValue()) & TypeFile.READ_ONLY) != 0 && isIdentifier(p.getKey(), propType)) {
                obj.put(p.getKey(), p.getKey().equalsIgnoreCase("tenantId") ? ctx.tenantId() : stableUuid(ctx.id(), childPath));
            } else if (obj.has(p.getKey())) {
                identifiers(file, propType, obj.get(p.getKey()), ctx, childPath);
            }
        }
        JsonNode additional = file.additionalProperties(type);
        if (additional != null) {
            obj.fields().forEachRemaining(e -> {
                if (!props.containsKey(e.getKey())) {
                    identifiers(file, additional, e.getValue(), ctx, path + "[" + e.getKey().toLowerCase(Locale.ROOT) + "]");
                }
            });
        }
    }

    private static boolean isIdentifier(String name, JsonNode type) {
        if (!TypeFile.kind(type).equals("StringType")) {
            return false;
        }
        return ID_NAMES.contains(name.toLowerCase(Locale.ROOT)) || type.path("pattern").asText().contains(UUID_PATTERN_HINT);
    }

    /** A UUID that depends only on the resource id and the property path. */
    public static String stableUuid(String id, String path) {
        return UUID.nameUUIDFromBytes((id.toLowerCase(Locale.ROOT) + "#" + path).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
