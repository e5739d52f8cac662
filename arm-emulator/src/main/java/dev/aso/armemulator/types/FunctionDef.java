package dev.aso.armemulator.types;

import com.fasterxml.jackson.databind.JsonNode;

/** A POST action on a resource (listKeys, regenerateKey, ...) with its input and output types (either may be null). */
public record FunctionDef(String name, String resourceType, String apiVersion, TypeFile file, JsonNode input, JsonNode output) {
}
