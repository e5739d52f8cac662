package dev.aso.codegen.model;

/** The shared, hand-written types of package {@code dev.aso.api.common}. */
public enum CommonType {
    RESOURCE_REFERENCE("ResourceReference"),
    WELL_KNOWN_RESOURCE_REFERENCE("WellKnownResourceReference"),
    KNOWN_RESOURCE_REFERENCE("KnownResourceReference"),
    ARBITRARY_OWNER_REFERENCE("ArbitraryOwnerReference"),
    SECRET_REFERENCE("SecretReference"),
    SECRET_MAP_REFERENCE("SecretMapReference"),
    CONFIG_MAP_REFERENCE("ConfigMapReference"),
    SECRET_DESTINATION("SecretDestination"),
    CONFIG_MAP_DESTINATION("ConfigMapDestination"),
    DESTINATION_EXPRESSION("DestinationExpression"),
    CONDITION("Condition");

    private final String javaName;

    CommonType(String javaName) {
        this.javaName = javaName;
    }

    public String javaName() {
        return javaName;
    }
}
