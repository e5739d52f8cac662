package dev.aso.api.meta;

import java.util.List;

/**
 * One served version of a kind: its ARM api-version and the shapes of its spec and status.
 *
 * @param admission what the webhooks need to default and validate it, the JSON the generator wrote (codegen's
 *                  {@code AdmissionMetadata} says what is in it), or null when there is none; read by
 *                  {@code dev.aso.webhooks.metadata}. Kept as text, and one string for the versions that say the
 *                  same: as trees they cost every process that loads the catalog 4 MB of heap, the controller too.
 * @param requiredContainers the ARM objects the spec's fields are flattened out of ({@code properties}) that the
 *                           request body must carry even when empty
 */
public record VersionMeta(String name, String apiVersion, boolean storage, boolean deprecated, List<String> actions,
                          Shape.ObjectOf spec, Shape.ObjectOf status, List<String> requiredContainers,
                          String admission) { }
