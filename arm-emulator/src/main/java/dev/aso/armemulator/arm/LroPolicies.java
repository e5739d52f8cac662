package dev.aso.armemulator.arm;

import dev.aso.armemulator.config.LroPolicy;
import dev.aso.armemulator.types.ResourceTypeDef;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The long-running-operation policy of each resource type: the default, overridden by the built-in
 * behaviour of resource groups (created at once, deleted asynchronously), overridden by configuration.
 * A null {@code put} or {@code delete} means: asynchronous when the type reports a provisioningState.
 */
public final class LroPolicies {
    private static final Map<String, LroPolicy> BUILT_IN = Map.of(
            "microsoft.resources/resourcegroups", new LroPolicy(false, true, null, null, null));

    private volatile LroPolicy defaults;
    private final Map<String, LroPolicy> perType = new ConcurrentHashMap<>();

    public LroPolicies(LroPolicy defaults, Map<String, LroPolicy> perType) {
        this.defaults = defaults;
        perType.forEach(this::set);
    }

    public void set(String resourceType, LroPolicy policy) {
        perType.put(resourceType.toLowerCase(Locale.ROOT), policy);
    }

    public void setDefault(LroPolicy policy) {
        defaults = LroPolicy.DEFAULT.overriddenBy(policy);
    }

    public Map<String, LroPolicy> configured() {
        return Map.copyOf(perType);
    }

    public LroPolicy defaults() {
        return defaults;
    }

    /** The effective policy for the type, with {@code put} decided. */
    public LroPolicy of(ResourceTypeDef def) {
        String key = def.name().toLowerCase(Locale.ROOT);
        LroPolicy p = defaults.overriddenBy(BUILT_IN.get(key)).overriddenBy(perType.get(key));
        boolean reportsState = def.hasProvisioningState();
        return p.overriddenBy(new LroPolicy(p.put() != null ? p.put() : reportsState, p.delete() != null ? p.delete() : reportsState,
                null, null, null));
    }
}
