package dev.aso.armemulator.graph;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The groups of each tenant, in memory, with the checks Graph makes on {@code POST /groups} and
 * {@code PATCH /groups/{id}}: the required properties, a mail nickname of allowed characters, a role-assignable
 * group that must be a security group and not mail-enabled.
 */
public final class GroupStore {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern NICKNAME = Pattern.compile("[\\x21-\\x7e&&[^@()\\\\\\[\\]\";:<>,]]{1,64}");
    private static final int MAX_GROUPS_PER_TENANT = 10_000;

    private final Map<String, Map<String, ObjectNode>> tenants = new ConcurrentHashMap<>();

    ObjectNode create(String tenant, JsonNode body) {
        for (String required : List.of("displayName", "mailNickname", "mailEnabled", "securityEnabled")) {
            if (!body.hasNonNull(required)) {
                throw GraphError.badRequest("A value is required for property '" + required + "' of resource 'Group'.");
            }
        }
        Map<String, ObjectNode> groups = groups(tenant);
        if (groups.size() >= MAX_GROUPS_PER_TENANT) {
            throw new GraphError(400, "Directory_QuotaExceeded", "The directory object quota limit for the tenant has"
                    + " been exceeded.");
        }
        ObjectNode group = JSON.createObjectNode();
        String id = UUID.randomUUID().toString();
        group.put("id", id).putNull("deletedDateTime").putNull("classification")
                .put("createdDateTime", Instant.now().toString().replaceAll("\\.\\d+Z$", "Z"))
                .putNull("description").put("isAssignableToRole", false).putNull("mail").putNull("membershipRule")
                .put("securityIdentifier", "S-1-12-1-" + Math.abs(id.hashCode())).putNull("visibility");
        group.putArray("groupTypes");
        merge(group, body);
        groups.put(id, group);
        return group.deepCopy();
    }

    ObjectNode get(String tenant, String id) {
        ObjectNode g = groups(tenant).get(id);
        if (g == null) {
            throw GraphError.notFound(id);
        }
        return g.deepCopy();
    }

    List<ObjectNode> list(String tenant, String filter) {
        var matches = GroupFilter.parse(filter);
        return groups(tenant).values().stream().filter(matches).map(ObjectNode::deepCopy)
                .sorted((a, b) -> a.path("createdDateTime").asText().compareTo(b.path("createdDateTime").asText()))
                .toList();
    }

    void update(String tenant, String id, JsonNode body) {
        ObjectNode g = groups(tenant).get(id);
        if (g == null) {
            throw GraphError.notFound(id);
        }
        synchronized (g) {
            ObjectNode changed = g.deepCopy();
            merge(changed, body);
            g.setAll(changed);
        }
    }

    void delete(String tenant, String id) {
        if (groups(tenant).remove(id) == null) {
            throw GraphError.notFound(id);
        }
    }

    private Map<String, ObjectNode> groups(String tenant) {
        return tenants.computeIfAbsent(tenant, t -> new ConcurrentHashMap<>());
    }

    private static void merge(ObjectNode group, JsonNode body) {
        body.fields().forEachRemaining(e -> {
            if (!e.getKey().equals("id") && !e.getKey().startsWith("@odata")) {
                group.set(e.getKey(), e.getValue());
            }
        });
        if (!NICKNAME.matcher(group.path("mailNickname").asText("")).matches()) {
            throw GraphError.badRequest("Invalid value specified for property 'mailNickname' of resource 'Group'.");
        }
        if (group.path("displayName").asText("").isBlank() || group.path("displayName").asText().length() > 256) {
            throw GraphError.badRequest("Invalid value specified for property 'displayName' of resource 'Group'.");
        }
        if (group.path("isAssignableToRole").asBoolean()
                && (!group.path("securityEnabled").asBoolean() || group.path("mailEnabled").asBoolean())) {
            throw GraphError.badRequest("Property 'isAssignableToRole' can only be set on security groups that are not"
                    + " mail-enabled.");
        }
    }
}
