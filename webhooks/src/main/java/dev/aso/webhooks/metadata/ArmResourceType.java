package dev.aso.webhooks.metadata;

import java.util.Optional;

/** The resource type an ARM id names, e.g. {@code Microsoft.Cache/redis} for a Redis cache's id. */
public final class ArmResourceType {

    private ArmResourceType() {
    }

    /**
     * @return the type ({@code Microsoft.Resources/subscriptions}, {@code Microsoft.Resources/resourceGroups},
     * or {@code <namespace>/<type>[/<child type>...]} of the last provider segment), or empty when the id is
     * not an ARM id
     */
    public static Optional<String> of(String armId) {
        if (armId == null || !armId.startsWith("/")) {
            return Optional.empty();
        }
        String[] parts = armId.substring(1).split("/", -1);
        for (String part : parts) {
            if (part.isEmpty()) {
                return Optional.empty();
            }
        }
        int providers = lastIndexOfIgnoreCase(parts, "providers");
        if (providers >= 0) {
            return providerType(parts, providers);
        }
        if (parts.length == 2 && parts[0].equalsIgnoreCase("subscriptions")) {
            return Optional.of("Microsoft.Resources/subscriptions");
        }
        if (parts.length == 4 && parts[0].equalsIgnoreCase("subscriptions") && parts[2].equalsIgnoreCase("resourceGroups")) {
            return Optional.of("Microsoft.Resources/resourceGroups");
        }
        return Optional.empty();
    }

    private static Optional<String> providerType(String[] parts, int providers) {
        int rest = parts.length - providers - 2; // after "providers/<namespace>": type/name pairs
        if (rest < 2 || rest % 2 != 0) {
            return Optional.empty();
        }
        StringBuilder type = new StringBuilder(parts[providers + 1]);
        for (int i = providers + 2; i < parts.length; i += 2) {
            type.append('/').append(parts[i]);
        }
        return Optional.of(type.toString());
    }

    private static int lastIndexOfIgnoreCase(String[] parts, String word) {
        for (int i = parts.length - 1; i >= 0; i--) {
            if (parts[i].equalsIgnoreCase(word)) {
                return i;
            }
        }
        return -1;
    }
}
