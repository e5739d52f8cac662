package dev.aso.controller.dbusers;

/**
 * Why a database user could not be reconciled: the {@code reason} of the Ready=False condition. {@code userMustAct}
 * says whether a retry alone can help (a server that is down may come back; a missing Secret must be created).
 */
public enum DbUserReason {
    /** A Secret or the key a {@code SecretReference} names is not there. */
    PasswordSecretMissing(true),
    /** The Secret's value is empty. */
    PasswordSecretEmpty(true),
    /** A spec value cannot be used as given (too long, an unknown privilege, ...). */
    InvalidSpec(true),
    /** A role in {@code spec.roles} does not exist on the server. */
    RoleNotFound(true),
    /** The server refused the admin login (wrong user or password). */
    AdminLoginRefused(true),
    /** The admin login lacks a privilege the statement needs. */
    AdminLacksPrivilege(true),
    /** The user still owns objects or holds privileges, so it cannot be dropped. */
    UserOwnsObjects(true),
    /** The server's certificate is not trusted, or TLS could not be negotiated. */
    TlsFailure(true),
    /** No connection could be made (DNS, refused, reset). */
    ServerUnreachable(false),
    /** Connecting or a statement took longer than its bounded timeout. */
    Timeout(false),
    /** Any other error the server reported. */
    DatabaseError(false);

    private final boolean userMustAct;

    DbUserReason(boolean userMustAct) {
        this.userMustAct = userMustAct;
    }

    public boolean userMustAct() {
        return userMustAct;
    }
}
