package dev.aso.conversion;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aso.api.meta.KindCatalog;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConverterRegistryTest {

    @Test
    void everyGeneratedCrdVersionHasAConverter() {
        assertThatCode(ConverterRegistry::load).doesNotThrowAnyException();
    }

    @Test
    void aServedVersionWithoutConverterStopsStartUp() {
        List<JsonNode> crds = new ArrayList<>(Crds.all());
        ObjectNode redis = crds.stream()
                .filter(c -> c.path("spec").path("names").path("kind").asText().equals("Redis"))
                .findFirst().orElseThrow().deepCopy();
        ((ArrayNode) redis.path("spec").path("versions")).addObject().put("name", "v1api20990101").put("served", true);
        crds.add(redis);
        assertThatThrownBy(() -> ConverterRegistry.verify(KindCatalog.load(), crds))
                .hasMessageContaining("cache.azure.com/v1api20990101 Redis");
    }
}
