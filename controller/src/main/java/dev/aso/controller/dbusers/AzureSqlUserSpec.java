package dev.aso.controller.dbusers;

import java.util.List;

/**
 * What a {@code sql.azure.com/v1 User} with a {@code localUser} asks for: a contained database user
 * {@code spec.azureName} in the owner database ({@code database}, the owner ServersDatabase's azureName), with the
 * resolved {@code spec.localUser.password} and membership in exactly {@code spec.roles}.
 */
public record AzureSqlUserSpec(String database, String name, List<String> roles, SecretInput password) {

    public AzureSqlUserSpec {
        roles = roles == null ? List.of() : List.copyOf(roles);
    }
}
