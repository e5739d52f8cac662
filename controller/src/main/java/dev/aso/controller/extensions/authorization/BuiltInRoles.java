package dev.aso.controller.extensions.authorization;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aso.controller.arm.ArmClient;
import dev.aso.controller.arm.ArmException;
import dev.aso.controller.extensions.WellKnownNameResolver;
import dev.aso.controller.reconcile.ArmIds;
import dev.aso.controller.reconcile.ReconcileStop;
import dev.aso.controller.reconcile.ReconcileTarget;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A role assignment's {@code roleDefinitionReference.wellKnownName}, resolved as ASO does: the name of an Azure
 * built-in role ({@code Contributor}, {@code Storage Blob Data Owner}; any case) becomes the id of that role's
 * definition in the assignment's subscription. The role definitions are listed once per subscription (the built-in
 * ones change rarely) and listed again after {@link #REFRESH}; a name that is no built-in role stops the reconcile with
 * an error naming the field.
 */
public final class BuiltInRoles implements WellKnownNameResolver {

    static final String API_VERSION = "2022-04-01";
    static final Duration REFRESH = Duration.ofHours(1);
    private static final String ROLE_DEFINITIONS = "/providers/Microsoft.Authorization/roleDefinitions";

    private final Clock clock = Clock.systemUTC();
    /** subscription (lower case) → built-in role names (lower case) → role definition name (a GUID) */
    private final Map<String, Listing> bySubscription = new ConcurrentHashMap<>();

    private record Listing(Map<String, String> roles, Instant listedAt) { }

    @Override
    public String resolve(String wellKnownName, String fieldPath, ReconcileTarget target)
            throws ReconcileStop, ArmException {
        String subscription = ArmIds.subscription(target.armId()).orElse(target.credential().subscriptionId());
        String role = roles(target.arm(), subscription).get(wellKnownName.toLowerCase(Locale.ROOT));
        if (role == null) {
            throw ReconcileStop.error("UnknownBuiltInRole", fieldPath + ": \"" + wellKnownName + "\" is not the name"
                    + " of an Azure built-in role (see https://learn.microsoft.com/azure/role-based-access-control/"
                    + "built-in-roles); set the role's name, or roleDefinitionReference.armId");
        }
        return "/subscriptions/" + subscription + ROLE_DEFINITIONS + "/" + role;
    }

    private Map<String, String> roles(ArmClient arm, String subscription) throws ArmException {
        String key = subscription.toLowerCase(Locale.ROOT);
        Listing listing = bySubscription.get(key);
        if (listing == null || listing.listedAt().plus(REFRESH).isBefore(clock.instant())) {
            listing = new Listing(list(arm, subscription), clock.instant());
            bySubscription.put(key, listing);
        }
        return listing.roles();
    }

    /** Every page of the subscription's role definitions, the built-in ones kept. */
    private static Map<String, String> list(ArmClient arm, String subscription) throws ArmException {
        Map<String, String> roles = new HashMap<>();
        JsonNode page = arm.get("/subscriptions/" + subscription + ROLE_DEFINITIONS, API_VERSION).body();
        while (true) {
            for (JsonNode definition : page.path("value")) {
                JsonNode properties = definition.path("properties");
                if (properties.path("type").asText().equals("BuiltInRole") && properties.hasNonNull("roleName")) {
                    roles.put(properties.path("roleName").asText().toLowerCase(Locale.ROOT), definition.path("name").asText());
                }
            }
            String next = page.path("nextLink").asText("");
            if (next.isEmpty()) {
                return roles;
            }
            page = arm.getUrl(next).body();
        }
    }
}
