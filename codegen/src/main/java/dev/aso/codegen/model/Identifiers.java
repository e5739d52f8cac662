package dev.aso.codegen.model;

/** Java identifiers from ARM and bicep names. */
public final class Identifiers {

    private Identifiers() {
    }

    /**
     * Joins the letter-and-digit runs of {@code name} in camel case ({@code aof-storage-connection-string-0} →
     * {@code aofStorageConnectionString0}); with {@code upperFirst}, PascalCase. Empty when there are none.
     */
    public static String camel(String name, boolean upperFirst) {
        StringBuilder out = new StringBuilder();
        boolean upper = upperFirst;
        for (char c : name.toCharArray()) {
            if (Character.isLetterOrDigit(c)) {
                out.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            } else {
                upper = upperFirst || out.length() > 0;
            }
        }
        return out.toString();
    }
}
