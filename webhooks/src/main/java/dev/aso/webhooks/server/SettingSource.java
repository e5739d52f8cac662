package dev.aso.webhooks.server;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads one setting: from its flag ({@code --idle-timeout}) or, when the flag is absent, its environment variable
 * ({@code ASO_WEBHOOK_IDLE_TIMEOUT}); a value that does not read is an error naming both and what is expected.
 */
public final class SettingSource {

    private static final Pattern DURATION = Pattern.compile("(?:(\\d+)h)?(?:(\\d+)m(?!s))?(?:(\\d+)s)?(?:(\\d+)ms)?");
    private static final Pattern BYTES = Pattern.compile("(\\d+)(Ki|Mi|Gi)?");

    private final Map<String, String> flags;
    private final Map<String, String> env;

    /** @param flags flag values by name without the dashes */
    public SettingSource(Map<String, String> flags, Map<String, String> env) {
        this.flags = flags;
        this.env = env;
    }

    public static String envName(String flag) {
        return "ASO_WEBHOOK_" + flag.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    /** @return the value, stripped; {@code fallback} (which may be null) when neither flag nor variable is set */
    public String text(String flag, String fallback) {
        String fromFlag = flags.get(flag);
        if (fromFlag != null) {
            return fromFlag.strip();
        }
        String fromEnv = env.get(envName(flag));
        return fromEnv == null || fromEnv.isBlank() ? fallback : fromEnv.strip();
    }

    public int port(String flag, int fallback) {
        String text = text(flag, Integer.toString(fallback));
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw invalid(flag, "a port number", text);
        }
    }

    /** A whole number of at least 1. */
    public long count(String flag, long fallback) {
        String text = text(flag, Long.toString(fallback));
        try {
            long value = Long.parseLong(text);
            if (value >= 1) {
                return value;
            }
        } catch (NumberFormatException e) {
            // the same answer as for a number below 1
        }
        throw invalid(flag, "a whole number of at least 1", text);
    }

    /** A Go duration of hours, minutes, seconds and milliseconds, e.g. {@code 2160h}, {@code 1m30s}, {@code 500ms}. */
    public Duration duration(String flag, String fallback) {
        String text = text(flag, fallback);
        Matcher m = DURATION.matcher(text);
        if (text.isEmpty() || !m.matches()) {
            throw invalid(flag, "a duration such as 2160h, 90m, 45s or 500ms", text);
        }
        long[] millis = {3_600_000, 60_000, 1_000, 1};
        Duration total = Duration.ZERO;
        try {
            for (int group = 1; group <= 4; group++) {
                if (m.group(group) != null) {
                    total = total.plus(Duration.ofMillis(millis[group - 1]).multipliedBy(Long.parseLong(m.group(group))));
                }
            }
        } catch (ArithmeticException | NumberFormatException e) {
            throw invalid(flag, "a duration such as 2160h, 90m, 45s or 500ms", text);
        }
        return total;
    }

    /** A number of bytes, optionally with a binary suffix as in Kubernetes quantities: {@code 64Mi}, {@code 512Ki}. */
    public long bytes(String flag, String fallback) {
        String text = text(flag, fallback);
        Matcher m = BYTES.matcher(text);
        if (!m.matches()) {
            throw invalid(flag, "a number of bytes such as 67108864, 65536Ki or 64Mi", text);
        }
        int shift = m.group(2) == null ? 0 : switch (m.group(2)) {
            case "Ki" -> 10;
            case "Mi" -> 20;
            default -> 30;
        };
        try {
            return Math.multiplyExact(Long.parseLong(m.group(1)), 1L << shift);
        } catch (ArithmeticException | NumberFormatException e) {
            throw invalid(flag, "a number of bytes such as 67108864, 65536Ki or 64Mi", text);
        }
    }

    private static IllegalArgumentException invalid(String flag, String expected, String text) {
        return new IllegalArgumentException("--" + flag + " (or " + envName(flag) + ") must be " + expected + ", got \""
                + text + "\"");
    }
}
