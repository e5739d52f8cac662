package dev.aso.webhooks.metadata;

import dev.aso.api.meta.KindCatalog;
import dev.aso.api.meta.KindMeta;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Every served kind and version, read once at start from the generated kind catalog ({@link KindCatalog}). */
public final class MetadataIndex {

    private final List<KindVersion> kindVersions;
    private final Map<String, KindVersion> byPath = new HashMap<>();

    private MetadataIndex(List<KindVersion> kindVersions) {
        this.kindVersions = List.copyOf(kindVersions);
        for (KindVersion kv : kindVersions) {
            byPath.put(kv.mutatePath(), kv);
            byPath.put(kv.validatePath(), kv);
        }
    }

    /**
     * @param prefix resource prefix under which the catalog ({@code meta/index.txt}) lives ({@code ""} for the one the
     *               api module's generator writes)
     * @throws MetadataException naming the missing or broken file or version
     */
    public static MetadataIndex load(ClassLoader classLoader, String prefix) {
        try {
            return of(KindCatalog.load(classLoader, prefix));
        } catch (IllegalStateException | UncheckedIOException e) {
            throw new MetadataException(e.getMessage(), e);
        }
    }

    /** @throws MetadataException naming the version whose metadata is missing or broken */
    public static MetadataIndex of(KindCatalog catalog) {
        CatalogReader reader = new CatalogReader();
        List<KindVersion> all = new ArrayList<>();
        for (KindMeta kind : catalog.kinds()) {
            all.addAll(reader.read(kind));
        }
        if (all.isEmpty()) {
            throw new MetadataException("the kind catalog lists no kind with a served version");
        }
        return new MetadataIndex(all);
    }

    public List<KindVersion> kindVersions() {
        return kindVersions;
    }

    /** @return the kind and version served at a {@code /mutate-...} or {@code /validate-...} path, or null */
    public KindVersion forPath(String path) {
        return byPath.get(path);
    }
}
