package dev.aso.controller.reconcile;

import dev.aso.api.meta.KindMeta;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** ARM ids of resources from their owner's id, ARM type and name. */
public final class ArmIds {

    private static final String RESOURCE_GROUPS = "Microsoft.Resources/resourceGroups";
    private static final Pattern SUBSCRIPTION = Pattern.compile("(?i)^/subscriptions/([^/]+)");

    private ArmIds() {
    }

    /**
     * @param ownerId the owner's ARM id; for kinds whose owner is the subscription, {@code /subscriptions/<id>}
     */
    public static String of(KindMeta kind, String ownerId, String name) {
        String owner = ownerId.endsWith("/") ? ownerId.substring(0, ownerId.length() - 1) : ownerId;
        if (kind.armType().equalsIgnoreCase(RESOURCE_GROUPS)) {
            return owner + "/resourceGroups/" + name;
        }
        String ownerType = kind.ownerArmType();
        if (ownerType != null && kind.armType().toLowerCase(Locale.ROOT).startsWith(ownerType.toLowerCase(Locale.ROOT) + "/")) {
            return owner + kind.armType().substring(ownerType.length()) + "/" + name;
        }
        return owner + "/providers/" + kind.armType() + "/" + name;
    }

    /**
     * Whether {@code armId} names a resource of {@code kind}'s ARM type called {@code name} (ARM ids compare without
     * case). Used when the full id cannot be computed (the owner is gone) to check an id before deleting it.
     */
    public static boolean namesA(String armId, KindMeta kind, String name) {
        String p = armId == null ? "" : armId.split("\\?")[0];
        boolean resourceGroup = kind.armType().equalsIgnoreCase(RESOURCE_GROUPS);
        return p.startsWith("/") && typeOf(p).equalsIgnoreCase(kind.armType())
                && (!resourceGroup || p.split("/").length == 5)
                && p.substring(p.lastIndexOf('/') + 1).equalsIgnoreCase(name);
    }

    public static Optional<String> subscription(String armId) {
        Matcher m = SUBSCRIPTION.matcher(armId == null ? "" : armId);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** The ARM resource type of an id, e.g. {@code Microsoft.Cache/redis/firewallRules}; for metrics labels. */
    public static String typeOf(String path) {
        String p = path.split("\\?")[0];
        String[] s = p.split("/");
        int providers = -1;
        for (int i = 0; i < s.length; i++) {
            if (s[i].equalsIgnoreCase("providers")) {
                providers = i;
            }
        }
        if (providers < 0 || providers + 2 >= s.length) {
            return p.toLowerCase(Locale.ROOT).contains("/resourcegroups/") ? RESOURCE_GROUPS : "unknown";
        }
        StringBuilder type = new StringBuilder(s[providers + 1]);
        for (int i = providers + 2; i < s.length; i += 2) {
            type.append('/').append(s[i]);
        }
        return type.toString();
    }
}
