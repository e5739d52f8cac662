package dev.aso.webhooks.metadata;

/**
 * Where {@code spec.operatorSpec} says an exported value goes.
 *
 * @param property the operatorSpec property, e.g. {@code secrets} or {@code secretExpressions}
 * @param target   the kind of object written: {@code Secret} or {@code ConfigMap}
 * @param list     true when the property is a list of destinations, false when an object of named ones
 */
public record Destination(String property, String target, boolean list) {
}
