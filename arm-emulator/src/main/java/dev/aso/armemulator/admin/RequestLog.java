package dev.aso.armemulator.admin;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/** The last N calls (never their bodies: a SHA-256 of each) and counters of writes. Thread-safe. */
public final class RequestLog {
    /** One call: the body is only hashed, so secrets in it never reach the log. */
    public record Entry(long seq, String time, String method, String path, String apiVersion, int status, String bodySha256,
                        String clientId, String resourceType) {
    }

    private static final java.util.Set<String> WRITES = java.util.Set.of("PUT", "PATCH", "DELETE", "POST");

    private final int capacity;
    private final Deque<Entry> entries = new ArrayDeque<>();
    private final Map<String, Long> writes = new TreeMap<>();
    private long seq;

    public RequestLog(int capacity) {
        this.capacity = capacity;
    }

    public synchronized void add(String time, String method, String path, String apiVersion, int status, String bodySha256,
                                 String clientId, String resourceType) {
        entries.addLast(new Entry(++seq, time, method, path, apiVersion, status, bodySha256, clientId, resourceType));
        if (entries.size() > capacity) {
            entries.removeFirst();
        }
        String m = method.toUpperCase(Locale.ROOT);
        if (WRITES.contains(m) && !path.contains("/oauth2/")) {
            writes.merge(m, 1L, Long::sum);
            if (resourceType != null) {
                writes.merge(m + " " + resourceType, 1L, Long::sum);
            }
        }
    }

    public synchronized List<Entry> entries(Predicate<Entry> filter) {
        List<Entry> out = new ArrayList<>();
        entries.stream().filter(filter).forEach(out::add);
        return out;
    }

    /** Write counts by method ("PUT") and by method and type ("PUT Microsoft.Cache/redis"). */
    public synchronized Map<String, Long> writeCounters() {
        return new TreeMap<>(writes);
    }

    public synchronized void clear() {
        entries.clear();
        writes.clear();
    }
}
