package dev.aso.api.runtime;

import java.util.LinkedHashMap;

/**
 * The spec or status of a custom resource as plain JSON (maps, lists, strings, numbers, booleans): what the runtime
 * classes of {@code dev.aso.api.runtime.<group>} hold, since the controller works on JSON through the kind's metadata,
 * not on typed objects. The typed classes of every version are in the optional api-types module.
 */
public class JsonContent extends LinkedHashMap<String, Object> {
}
