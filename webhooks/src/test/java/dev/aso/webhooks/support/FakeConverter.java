package dev.aso.webhooks.support;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aso.conversion.ConversionException;
import dev.aso.conversion.ObjectConverter;

import java.util.Map;
import java.util.Set;

/**
 * Stand-in for the conversion module's generated converter, for the fixture kinds: converts through the hub by
 * rewriting apiVersion, drops {@code spec.principalId} on the way to Redis v1api20201201 (which lacks it), refuses
 * unknown kinds and versions, and fails on purpose for {@code spec.location} "unconvertible" (a ConversionException)
 * and "crash" (a RuntimeException).
 */
public final class FakeConverter implements ObjectConverter {

    private static final Map<String, Set<String>> VERSIONS = Map.of(
            "resources.azure.com/ResourceGroup", Set.of("v1api20200601", "v1beta20200601", "v1api20200601storage"),
            "cache.azure.com/Redis", Set.of("v1api20230801", "v1api20201201", "v1api20230801storage"),
            "cache.azure.com/RedisPatchSchedule", Set.of("v1api20230801", "v1api20230801storage"));

    @Override
    public ObjectNode convert(ObjectNode object, String desiredApiVersion) throws ConversionException {
        String[] from = object.path("apiVersion").asText("").split("/", 2);
        String[] to = desiredApiVersion.split("/", 2);
        String kind = object.path("kind").asText("");
        Set<String> versions = VERSIONS.get(from[0] + "/" + kind);
        if (from.length != 2 || to.length != 2 || versions == null || !from[0].equals(to[0])) {
            throw new ConversionException("no conversion for " + object.path("apiVersion").asText() + " " + kind
                    + " to " + desiredApiVersion);
        }
        if (!versions.contains(from[1]) || !versions.contains(to[1])) {
            throw new ConversionException("unknown version of " + kind + ": " + (versions.contains(from[1]) ? to[1] : from[1]));
        }
        String location = object.path("spec").path("location").asText("");
        if (location.equals("unconvertible")) {
            throw new ConversionException("spec.location \"unconvertible\" has no equivalent in " + desiredApiVersion);
        }
        if (location.equals("crash")) {
            throw new IllegalStateException("converter bug for test");
        }
        ObjectNode converted = object.deepCopy();
        converted.put("apiVersion", desiredApiVersion);
        if (desiredApiVersion.equals("cache.azure.com/v1api20201201") && converted.get("spec") instanceof ObjectNode spec) {
            spec.remove("principalId");
        }
        return converted;
    }
}
