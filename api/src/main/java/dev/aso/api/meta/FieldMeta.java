package dev.aso.api.meta;

/**
 * A field of a generated object.
 *
 * @param arm how it maps onto the ARM body, or null for fields Azure never sees (owner, operatorSpec, conditions)
 */
public record FieldMeta(String json, Shape shape, ArmMeta arm) {

    /**
     * @param name            the ARM property name
     * @param underProperties the field was flattened out of ARM's {@code properties}
     * @param role            VALUE, AZURE_NAME, REFERENCE, SECRET, CONFIG_FROM, USER_ASSIGNED_IDENTITIES or
     *                        ADDITIONAL_PROPERTIES
     */
    public record ArmMeta(String name, boolean underProperties, String role) { }
}
