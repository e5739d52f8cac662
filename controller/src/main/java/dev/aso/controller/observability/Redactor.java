package dev.aso.controller.observability;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Removes secrets from log text: every secret value the controller has read or written (registered here; the most
 * recent 10,000, at least 6 characters long), bearer tokens and the keys and passwords of connection strings. Logs,
 * events and status conditions all pass through it.
 */
public final class Redactor {

    public static final String MASK = "[redacted]";
    private static final int CAPACITY = 10_000;
    private static final int MIN_LENGTH = 6;
    private static final Pattern BEARER = Pattern.compile("(?i)(bearer\\s+)[A-Za-z0-9._~+/=-]+");
    /** Keys and passwords inside connection strings, as Azure writes them (AccountKey=...;). */
    private static final Pattern CONNECTION_STRING_SECRET = Pattern.compile(
            "(?i)\\b((?:AccountKey|SharedAccessKey|SharedAccessSignature|Password|Pwd)=)[^;\\s\"',]+");
    private static final Set<String> VALUES = Collections.newSetFromMap(Collections.synchronizedMap(
            new LinkedHashMap<>(256, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                    return size() > CAPACITY;
                }
            }));

    private Redactor() {
    }

    public static void register(String secret) {
        if (secret != null && secret.length() >= MIN_LENGTH) {
            VALUES.add(secret);
        }
    }

    public static String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = BEARER.matcher(text).replaceAll("$1" + MASK);
        out = CONNECTION_STRING_SECRET.matcher(out).replaceAll("$1" + MASK);
        String[] snapshot;
        synchronized (VALUES) {
            snapshot = VALUES.toArray(new String[0]);
        }
        for (String v : snapshot) {
            if (out.contains(v)) {
                out = out.replace(v, MASK);
            }
        }
        return out;
    }
}
