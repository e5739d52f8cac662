package dev.aso.webhooks.conversion;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aso.conversion.ConversionException;
import dev.aso.conversion.ObjectConverter;
import dev.aso.webhooks.metadata.KindVersion;
import dev.aso.webhooks.metadata.MetadataException;

import java.util.List;

/**
 * At start, proves the converter serves every version the CRDs serve: a minimal object of each version goes to
 * the hub and back. A served version without a converter would otherwise only fail when the apiserver first asks.
 */
public final class ConverterCheck {

    private ConverterCheck() {
    }

    public static void verify(ObjectConverter converter, List<KindVersion> kindVersions) {
        for (KindVersion kv : kindVersions) {
            String hub = kv.group() + "/" + kv.storageVersion();
            try {
                ObjectNode atHub = converter.convert(probe(kv), hub);
                converter.convert(atHub, kv.apiVersion());
            } catch (ConversionException | RuntimeException e) {
                throw new MetadataException("served version " + kv.apiVersion() + " " + kv.kind()
                        + " has no working conversion to and from its hub " + hub + ": " + e.getMessage(), e);
            }
        }
    }

    private static ObjectNode probe(KindVersion kv) {
        ObjectNode object = JsonNodeFactory.instance.objectNode();
        object.put("apiVersion", kv.apiVersion());
        object.put("kind", kv.kind());
        object.putObject("metadata").put("name", "converter-probe");
        object.putObject("spec");
        return object;
    }
}
