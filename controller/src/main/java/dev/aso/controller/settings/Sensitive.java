package dev.aso.controller.settings;

/** A secret value that never shows in {@link #toString()}, so records holding it can be logged safely. */
public record Sensitive(String value) {

    public Sensitive {
        if (value == null) {
            throw new IllegalArgumentException("a sensitive value cannot be null");
        }
    }

    public static Sensitive ofNullable(String value) {
        return value == null || value.isEmpty() ? null : new Sensitive(value);
    }

    @Override
    public String toString() {
        return "[redacted]";
    }
}
