package dev.aso.api.common;

/** A key of a Secret in the resource's namespace that the operator writes. */
public class SecretDestination extends Destination {
}
