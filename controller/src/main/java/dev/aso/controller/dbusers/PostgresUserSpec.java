package dev.aso.controller.dbusers;

import java.util.List;

/**
 * What a {@code dbforpostgresql.azure.com/v1 User} asks for, as the reconciler passes it: {@code spec.azureName},
 * {@code spec.roleOptions} ({@code null}: {@link RoleOptions#LOGIN_ONLY}), {@code spec.roles} and the resolved
 * {@code spec.localUser.password}.
 */
public record PostgresUserSpec(String name, RoleOptions roleOptions, List<String> roles, SecretInput password) {

    public PostgresUserSpec {
        roles = roles == null ? List.of() : List.copyOf(roles);
        roleOptions = roleOptions == null ? RoleOptions.LOGIN_ONLY : roleOptions;
    }

    /** ASO's {@code spec.roleOptions}: the attributes of the role that it manages. */
    public record RoleOptions(boolean login, boolean createRole, boolean createDb, boolean replication) {
        /** When {@code spec.roleOptions} is absent: a role that can log in and nothing more. */
        public static final RoleOptions LOGIN_ONLY = new RoleOptions(true, false, false, false);
    }
}
