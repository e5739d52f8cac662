package dev.aso.api.common;

/** A key of a ConfigMap in the resource's namespace that the operator writes. */
public class ConfigMapDestination extends Destination {
}
