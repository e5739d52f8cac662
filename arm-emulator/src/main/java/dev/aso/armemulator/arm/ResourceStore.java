package dev.aso.armemulator.arm;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The resources and operations, keyed by lower-cased id. Not thread-safe: {@link ResourceService} guards it. */
public final class ResourceStore {
    private final TreeMap<String, StoredResource> resources = new TreeMap<>();
    private final Map<String, Operation> operations = new HashMap<>();

    public StoredResource get(String path) {
        return resources.get(ArmPath.key(path));
    }

    public void put(StoredResource r) {
        resources.put(r.key(), r);
    }

    public void remove(String id) {
        resources.remove(ArmPath.key(id));
    }

    /** Removes the resource and everything inside it. */
    public void removeWithContents(StoredResource r) {
        inside(r.id).forEach(c -> remove(c.id));
        remove(r.id);
    }

    /** Every resource whose id starts with {@code id + "/"}: nested, extension and (for a resource group) contained ones. */
    public List<StoredResource> inside(String id) {
        String k = ArmPath.key(id) + "/";
        return new ArrayList<>(resources.subMap(k, true, k + Character.MAX_VALUE, false).values());
    }

    public Collection<StoredResource> all() {
        return resources.values();
    }

    public Operation operation(String id) {
        return operations.get(id);
    }

    public void putOperation(Operation op) {
        operations.put(op.id, op);
    }

    public Collection<Operation> operations() {
        return operations.values();
    }

    /** Forgets operations that completed before {@code cutoffMillis} (their URLs then answer 404). */
    public void pruneOperations(long cutoffMillis) {
        operations.values().removeIf(op -> op.done() && op.endMillis < cutoffMillis);
    }

    public void clear() {
        resources.clear();
        operations.clear();
    }
}
