package dev.aso.codegen.model;

/**
 * How a field of a custom resource maps onto the ARM resource body.
 *
 * @param name           the ARM property name
 * @param underProperties true when the field was flattened out of ARM's {@code properties} object
 * @param role           what the field is, beyond a plain copy
 */
public record ArmBinding(String name, boolean underProperties, Role role) {

    public enum Role {
        /** copied as is (recursively for objects) */
        VALUE,
        /** {@code spec.azureName}: the ARM resource name, part of the URL */
        AZURE_NAME,
        /** a ResourceReference resolved to the ARM id the property holds */
        REFERENCE,
        /** a SecretReference resolved to the secret's value */
        SECRET,
        /** a ConfigMapReference resolved to the value of the sibling property {@code name} */
        CONFIG_FROM,
        /** ASO's list of {@code {reference}} standing for ARM's map of user-assigned identity ids */
        USER_ASSIGNED_IDENTITIES,
        /** ASO's {@code additionalProperties} map, spread into the ARM object */
        ADDITIONAL_PROPERTIES
    }

    public static ArmBinding value(String name, boolean underProperties) {
        return new ArmBinding(name, underProperties, Role.VALUE);
    }
}
