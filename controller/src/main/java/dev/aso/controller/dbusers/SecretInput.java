package dev.aso.controller.dbusers;

/**
 * A secret value the reconciler resolved from a {@code SecretReference}: the spec field it came from (e.g.
 * {@code .spec.localUser.password}), the Secret's name and key, and the value, {@code null} when the Secret or the
 * key is missing. {@link #toString()} never shows the value.
 */
public record SecretInput(String field, String secretName, String key, String value) {

    /** The value; throws {@link DbUserReason#PasswordSecretMissing} or {@link DbUserReason#PasswordSecretEmpty}. */
    public String require() {
        if (value == null) {
            throw DbUserException.of(DbUserReason.PasswordSecretMissing, field + " refers to key '" + key
                    + "' of Secret '" + secretName + "', which does not exist in the resource's namespace;"
                    + " create the Secret with that key (or fix the reference)");
        }
        if (value.isEmpty()) {
            throw DbUserException.of(DbUserReason.PasswordSecretEmpty, field + " refers to key '" + key
                    + "' of Secret '" + secretName + "', whose value is empty; put the password in it");
        }
        return value;
    }

    @Override
    public String toString() {
        return "SecretInput[" + field + " -> " + secretName + "/" + key + (value == null ? " (missing)]" : "]");
    }
}
