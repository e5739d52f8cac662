package dev.aso.controller;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.informers.cache.BasicItemStore;
import io.fabric8.kubernetes.client.informers.cache.Cache;

/**
 * An informer's store that keeps each object without its {@code metadata.managedFields}: server-side apply's field
 * ownership, 40 to 50 % of a typical resource's JSON (a storage account: 1.2 of 2.8 kB), which the controller never
 * reads (it writes with JSON and merge patches, not by replacing objects from the cache).
 */
final class SlimItemStore<R extends HasMetadata> extends BasicItemStore<R> {

    SlimItemStore() {
        super(Cache::metaNamespaceKeyFunc);
    }

    @Override
    public R put(String key, R obj) {
        obj.getMetadata().setManagedFields(null);
        return super.put(key, obj);
    }
}
