package dev.aso.controller;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.fabric8.kubernetes.client.informers.cache.ItemStore;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * An informer's store that keeps each object as its JSON, without {@code metadata.managedFields}, and reads it back
 * on every access. A resource held as objects (maps of maps) costs three times its JSON (a storage account: 5.9 KiB
 * against 1.8 KiB), and managedFields, server-side apply's field ownership that the controller never reads, are 40 to
 * 50 % of that JSON. Reading one back costs about 10 µs, about what JOSDK's copy of the object before each reconcile
 * costs; a reconcile reads it once.
 */
final class SerializedItemStore<R extends HasMetadata> implements ItemStore<R> {

    private final Map<String, byte[]> items = new ConcurrentHashMap<>();
    private final KubernetesSerialization serialization;
    private final Class<R> type;

    SerializedItemStore(KubernetesSerialization serialization, Class<R> type) {
        this.serialization = serialization;
        this.type = type;
    }

    @Override
    public String getKey(R obj) {
        return Cache.metaNamespaceKeyFunc(obj);
    }

    @Override
    public R put(String key, R obj) {
        obj.getMetadata().setManagedFields(null);
        return read(items.put(key, serialization.asJson(obj).getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public R remove(String key) {
        return read(items.remove(key));
    }

    @Override
    public Stream<String> keySet() {
        return items.keySet().stream();
    }

    @Override
    public Stream<R> values() {
        return items.values().stream().map(this::read);
    }

    @Override
    public int size() {
        return items.size();
    }

    @Override
    public R get(String key) {
        return read(items.get(key));
    }

    private R read(byte[] json) {
        return json == null ? null : serialization.unmarshal(new ByteArrayInputStream(json), type);
    }
}
