package dev.aso.controller.dbusers;

/**
 * The server admin login a user is managed with: {@code spec.localUser.serverAdminUsername} and the resolved
 * {@code spec.localUser.serverAdminPassword}.
 */
public record AdminLogin(String user, SecretInput password) {

    public static final String USER_FIELD = ".spec.localUser.serverAdminUsername";

    /** The user name; throws {@link DbUserReason#InvalidSpec} naming the field when it is empty. */
    public String requireUser() {
        if (user == null || user.isBlank()) {
            throw DbUserException.of(DbUserReason.InvalidSpec, USER_FIELD + " is empty; set it to the server's"
                    + " administrator login");
        }
        return user;
    }
}
