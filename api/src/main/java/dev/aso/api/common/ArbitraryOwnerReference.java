package dev.aso.api.common;

/**
 * The owner of an extension resource (a role assignment, a diagnostic setting): any resource, by its ARM id or by the
 * group, kind and name of its custom resource in the same namespace.
 */
public class ArbitraryOwnerReference extends ResourceReference {
}
