package dev.aso.armemulator.arm;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The read-only values one resource type has that the generic filler cannot guess (a Redis cache's
 * host name and ports, say). Registered by type name in {@link ReadOnlyFiller}.
 */
public interface ResourceDefaults {
    /** The resource type this applies to, e.g. "Microsoft.Cache/redis". */
    String resourceType();

    /** Sets read-only values in {@code body} (already holding id, name, type and the client's input). */
    void fill(ObjectNode body);

    /** This type's values, then {@code next}'s. */
    default ResourceDefaults andThen(ResourceDefaults next) {
        ResourceDefaults first = this;
        return new ResourceDefaults() {
            @Override
            public String resourceType() {
                return first.resourceType();
            }

            @Override
            public void fill(ObjectNode body) {
                first.fill(body);
                next.fill(body);
            }
        };
    }
}
