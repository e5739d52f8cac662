package dev.aso.api.meta;

/**
 * A field of a generated object.
 *
 * @param arm how it maps onto the ARM body, or null for fields Azure never sees (owner, operatorSpec, conditions)
 */
public record FieldMeta(String json, Shape shape, ArmMeta arm) {

    /**
     * @param name            the ARM property name
     * @param container       the ARM object the field was flattened out of: {@code properties} mostly, another where
     *                        ASO flattens that one (an IPAM allocation's {@code pool}); null when it is the object's own
     * @param role            VALUE, AZURE_NAME, REFERENCE, SECRET, SECRET_MAP, CONFIG_FROM, SECRET_FROM, USER_ASSIGNED_IDENTITIES,
     *                        ADDITIONAL_PROPERTIES or ONE_OF (an option of a discriminated union: its fields are the
     *                        ARM object itself, chosen when the property {@code name} has the value {@code oneOfValue})
     * @param oneOfValue      for ONE_OF: the discriminator's value selecting this option; else null
     */
    public record ArmMeta(String name, String container, String role, String oneOfValue) { }
}
