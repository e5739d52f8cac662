package dev.aso.armemulator.types;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A resource type at one API version: its canonical name ("Microsoft.Cache/redis"), the version
 * whose definition is used, and the body type in its file.
 */
public record ResourceTypeDef(String name, String apiVersion, TypeFile file, JsonNode body, int writableScopes) {
    /** The body's "properties" object type, or null when it has none. */
    public JsonNode propertiesType() {
        JsonNode p = body.path("properties").get("properties");
        return p == null ? null : file.resolve(p.get("type"));
    }

    /** True when the type reports a provisioningState under properties, as asynchronous resource providers do. */
    public boolean hasProvisioningState() {
        JsonNode props = propertiesType();
        return props != null && file.properties(props, null).containsKey("provisioningState");
    }

    /** The type of the resource's "name" (patterns and lengths the name from the URL must satisfy). */
    public JsonNode nameType() {
        JsonNode n = body.path("properties").get("name");
        return n == null ? null : file.resolve(n.get("type"));
    }
}
