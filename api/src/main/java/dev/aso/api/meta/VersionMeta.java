package dev.aso.api.meta;

import java.util.List;

/**
 * One served version of a kind: its ARM api-version and the shapes of its spec and status.
 *
 * @param requiredContainers the ARM objects the spec's fields are flattened out of ({@code properties}) that the
 *                           request body must carry even when empty
 */
public record VersionMeta(String name, String apiVersion, boolean storage, boolean deprecated, List<String> actions,
                          Shape.ObjectOf spec, Shape.ObjectOf status, List<String> requiredContainers) { }
