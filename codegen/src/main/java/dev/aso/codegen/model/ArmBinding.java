package dev.aso.codegen.model;

/**
 * How a field of a custom resource maps onto the ARM resource body.
 *
 * @param name           the ARM property name
 * @param container      the ARM object the field was flattened out of: {@code properties} mostly, another object
 *                       where ASO flattens that one (an IPAM allocation's {@code pool}); null for none
 * @param role           what the field is, beyond a plain copy
 * @param oneOfValue     for {@link Role#ONE_OF}: the value of the discriminator property ({@code name}) that selects
 *                       this option; null otherwise
 */
public record ArmBinding(String name, String container, Role role, String oneOfValue) {

    public static final String PROPERTIES = "properties";

    public ArmBinding(String name, String container, Role role) {
        this(name, container, role, null);
    }

    public ArmBinding(String name, boolean underProperties, Role role) {
        this(name, underProperties ? PROPERTIES : null, role, null);
    }

    public ArmBinding(String name, boolean underProperties, Role role, String oneOfValue) {
        this(name, underProperties ? PROPERTIES : null, role, oneOfValue);
    }

    public boolean underProperties() {
        return PROPERTIES.equals(container);
    }

    public enum Role {
        /** copied as is (recursively for objects) */
        VALUE,
        /** {@code spec.azureName}: the ARM resource name, part of the URL */
        AZURE_NAME,
        /** a ResourceReference resolved to the ARM id the property holds */
        REFERENCE,
        /** a SecretReference resolved to the secret's value */
        SECRET,
        /** a SecretMapReference resolved to a map of all the Secret's keys and values */
        SECRET_MAP,
        /** a ConfigMapReference resolved to the value of the sibling property {@code name} */
        CONFIG_FROM,
        /** a SecretReference resolved to the value of the sibling property {@code name} (ASO's {@code xFromSecret}) */
        SECRET_FROM,
        /** ASO's list of {@code {reference}} standing for ARM's map of user-assigned identity ids */
        USER_ASSIGNED_IDENTITIES,
        /** ASO's {@code additionalProperties} map, spread into the ARM object */
        ADDITIONAL_PROPERTIES,
        /**
         * One option of a discriminated union (ASO's one-of objects: {@code natRule}, {@code applicationRule}): the
         * option's fields are the ARM object itself, chosen by the discriminator property {@code name} having the
         * value {@code oneOfValue}
         */
        ONE_OF
    }

    public static ArmBinding value(String name, boolean underProperties) {
        return new ArmBinding(name, underProperties, Role.VALUE);
    }
}
