package dev.aso.webhooks.metadata;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Every served kind and version, loaded once at start from the generated CRDs and schemas on the classpath. */
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
     * @param prefix resource prefix under which {@code crds/index.txt} and {@code schemas/} live ({@code ""} for
     *               the generated metadata of aso-api)
     * @throws MetadataException naming the missing or broken file
     */
    public static MetadataIndex load(ClassLoader classLoader, String prefix) {
        String indexPath = prefix + "crds/index.txt";
        CrdReader reader = new CrdReader(classLoader, prefix);
        List<KindVersion> all = new ArrayList<>();
        for (String crdFile : lines(classLoader, indexPath)) {
            all.addAll(reader.read(crdFile));
        }
        if (all.isEmpty()) {
            throw new MetadataException(indexPath + " lists no CRD with a served version");
        }
        return new MetadataIndex(all);
    }

    private static List<String> lines(ClassLoader classLoader, String path) {
        try (InputStream in = classLoader.getResourceAsStream(path)) {
            if (in == null) {
                throw new MetadataException(path + " is not on the classpath: build the api module's generated metadata");
            }
            List<String> lines = new ArrayList<>();
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines()
                    .map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#")).forEach(lines::add);
            return lines;
        } catch (IOException e) {
            throw new MetadataException(path + " cannot be read: " + e.getMessage(), e);
        }
    }

    public List<KindVersion> kindVersions() {
        return kindVersions;
    }

    /** @return the kind and version served at a {@code /mutate-...} or {@code /validate-...} path, or null */
    public KindVersion forPath(String path) {
        return byPath.get(path);
    }
}
