package dev.aso.api.meta;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * One served version of a kind: its ARM api-version and the shapes of its spec and status.
 *
 * @param admission what the webhooks need to default and validate it, as the generator wrote it (its
 *                  {@code AdmissionMetadata} says what is in it); read by {@code dev.aso.webhooks.metadata}
 */
public record VersionMeta(String name, String apiVersion, boolean storage, boolean deprecated, List<String> actions,
                          Shape.ObjectOf spec, Shape.ObjectOf status, JsonNode admission) { }
