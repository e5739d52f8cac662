package dev.aso.conversion;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.aso.api.meta.KindCatalog;
import dev.aso.api.meta.KindMeta;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks that every version each CRD serves has a converter (its shapes in the kind catalog), naming any that has
 * none. The build runs it (the conversion and webhooks tests): CRDs and catalog come from the same api jar, so the
 * deployables build a {@link HubConverter} from the catalog they hold rather than parse the 291 shipped CRDs at
 * every start (2–3 s of a controller's restart).
 */
public final class ConverterRegistry {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private ConverterRegistry() {
    }

    /** The converter for every CRD on the classpath ({@code crds/index.txt}), verified. */
    public static ObjectConverter load() {
        KindCatalog catalog = KindCatalog.load();
        verify(catalog, classpathCrds());
        return new HubConverter(catalog);
    }

    /** @throws IllegalStateException naming each CRD version that has no converter */
    public static void verify(KindCatalog catalog, List<JsonNode> crds) {
        List<String> missing = new ArrayList<>();
        for (JsonNode crd : crds) {
            String group = crd.path("spec").path("group").asText();
            String kind = crd.path("spec").path("names").path("kind").asText();
            KindMeta meta = catalog.kind(group, kind).orElse(null);
            for (JsonNode version : crd.path("spec").path("versions")) {
                if (!version.path("served").asBoolean(false)) {
                    continue;
                }
                String name = version.path("name").asText();
                if (meta == null || meta.version(name).isEmpty()) {
                    missing.add(group + "/" + name + " " + kind);
                }
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("served versions without a converter: " + missing
                    + "; rebuild the api module (mvn -pl api -am install) so that CRDs and metadata match");
        }
    }

    static List<JsonNode> classpathCrds() {
        List<JsonNode> crds = new ArrayList<>();
        for (String name : read("crds/index.txt").split("\n")) {
            if (!name.isBlank()) {
                try {
                    crds.add(YAML.readTree(read("crds/" + name.trim())));
                } catch (IOException e) {
                    throw new IllegalStateException("crds/" + name.trim() + " is not valid YAML: " + e.getMessage(), e);
                }
            }
        }
        return crds;
    }

    private static String read(String resource) {
        try (InputStream in = ConverterRegistry.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(resource + ": " + e.getMessage(), e);
        }
    }
}
