package dev.aso.api.meta;

import java.util.List;

/** One served version of a kind: its ARM api-version and the shapes of its spec and status. */
public record VersionMeta(String name, String apiVersion, boolean storage, boolean deprecated, List<String> actions,
                          Shape.ObjectOf spec, Shape.ObjectOf status) { }
