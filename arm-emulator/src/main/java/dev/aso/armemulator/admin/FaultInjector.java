package dev.aso.armemulator.admin;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/** The active fault rules and how often each has matched. Thread-safe. */
public final class FaultInjector {
    private final Map<String, FaultRule> rules = new LinkedHashMap<>();
    private final Map<String, Integer> matched = new LinkedHashMap<>();
    private final AtomicLong ids = new AtomicLong();

    public synchronized FaultRule add(FaultRule rule) {
        FaultRule r = rule.withId("fault-" + ids.incrementAndGet());
        r.validate();
        rules.put(r.id(), r);
        matched.put(r.id(), 0);
        return r;
    }

    public synchronized boolean remove(String id) {
        matched.remove(id);
        return rules.remove(id) != null;
    }

    public synchronized void clear() {
        rules.clear();
        matched.clear();
    }

    public synchronized List<Map<String, Object>> list() {
        List<Map<String, Object>> out = new ArrayList<>();
        rules.values().forEach(r -> out.add(Map.of("rule", r, "matched", matched.get(r.id()))));
        return out;
    }

    /** The first rule that applies to this call, counting the call against every rule it matches. */
    public synchronized Optional<FaultRule> match(String method, String path, String resourceType) {
        FaultRule hit = null;
        for (FaultRule r : rules.values()) {
            if (!matches(r, method, path, resourceType)) {
                continue;
            }
            int n = matched.merge(r.id(), 1, Integer::sum);
            int skip = r.skip() == null ? 0 : r.skip();
            boolean active = n > skip && (r.count() == null || n <= skip + r.count());
            if (active && hit == null) {
                hit = r;
            }
        }
        return Optional.ofNullable(hit);
    }

    private static boolean matches(FaultRule r, String method, String path, String resourceType) {
        return (r.method() == null || r.method().equalsIgnoreCase(method))
                && (r.resourceType() == null || r.resourceType().equalsIgnoreCase(resourceType))
                && (r.pathContains() == null || path.toLowerCase(Locale.ROOT).contains(r.pathContains().toLowerCase(Locale.ROOT)));
    }
}
