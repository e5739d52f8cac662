package dev.aso.codegen.model;

import dev.aso.codegen.model.TypeModel.ObjectModel;

import java.util.List;

/**
 * One Kubernetes version of a kind.
 *
 * @param name       Kubernetes version name ({@code v1api20230801}, {@code v1api20241101storage})
 * @param apiVersion the ARM api-version this version calls Azure with
 * @param storage    true for the hub: stored in etcd, every other version converts through it
 * @param actions    POST actions the type definitions list for this resource type (listKeys, ...)
 * @param requiredContainers the ARM objects the spec's fields are flattened out of that the type definitions require
 *                   in the body ({@code properties}): sent, empty if need be, even when none of their fields is set
 */
public record VersionModel(String name, String apiVersion, boolean storage, boolean deprecated, String replacedBy,
                           ObjectModel spec, ObjectModel status, List<String> actions, List<String> requiredContainers) { }
