package dev.aso.armemulator.identity;

/** The caller of an ARM request, from its bearer token. */
public record Principal(String clientId, String tenantId, String objectId) {
}
