package dev.aso.api.meta;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses Go's duration syntax ({@code 1h}, {@code 15m}, {@code 1h30m}, {@code 45s}, {@code 500ms}), as ASO's settings
 * use it, and sync periods ({@code AZURE_SYNC_PERIOD}, the {@link OperatorAnnotations#SYNC_PERIOD} annotation): such a
 * duration or {@code never}.
 */
public final class GoDuration {

    /** The accepted forms of a sync period, for messages. */
    public static final String SYNC_PERIOD_FORMS = "a positive duration such as 15m, 1h or 1h30m, or never";

    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(h|ms|m|s)");

    private GoDuration() {
    }

    /** @throws IllegalArgumentException when {@code text} is not a positive Go duration */
    public static Duration parse(String text) {
        String t = text.trim();
        Matcher m = PART.matcher(t);
        int at = 0;
        double millis = 0;
        while (m.find() && m.start() == at) {
            double n = Double.parseDouble(m.group(1));
            millis += switch (m.group(2)) {
                case "h" -> n * 3_600_000;
                case "m" -> n * 60_000;
                case "s" -> n * 1_000;
                default -> n;
            };
            at = m.end();
        }
        if (t.isEmpty() || at != t.length() || millis <= 0) {
            throw new IllegalArgumentException("'" + text + "' is not a positive duration such as 15m, 1h or 1h30m");
        }
        return Duration.ofMillis(Math.round(millis));
    }

    /**
     * A sync period: empty for {@code never} (any case).
     *
     * @throws IllegalArgumentException naming {@link #SYNC_PERIOD_FORMS} when it is neither
     */
    public static Optional<Duration> syncPeriod(String text) {
        if (text.trim().equalsIgnoreCase("never")) {
            return Optional.empty();
        }
        try {
            return Optional.of(parse(text));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + text + "' is not " + SYNC_PERIOD_FORMS);
        }
    }
}
