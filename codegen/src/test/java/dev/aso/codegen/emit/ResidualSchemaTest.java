package dev.aso.codegen.emit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ResidualSchemaTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static final String CRD = """
            {"type":"object","required":["location"],"properties":{
              "azureName":{"type":"string"},
              "location":{"type":"string"},
              "tier":{"type":"string","enum":["Basic","Premium"]},
              "tags":{"type":"object","additionalProperties":{"type":"string"}},
              "rules":{"type":"array","items":{"type":"object","properties":{"name":{"type":"string"}}}}}}""";

    @Test
    void keepsOnlyWhatTheCrdSchemaDoesNotState() {
        JsonNode json = json("""
                {"$schema":"https://json-schema.org/draft/2020-12/schema","type":"object","required":["location"],
                 "properties":{
                  "azureName":{"type":"string","pattern":"^(?!-)[a-z-]+$","description":"the name in Azure"},
                  "location":{"type":"string"},
                  "tier":{"type":"string","enum":["Basic","Premium","Standard"]},
                  "tags":{"type":"object","additionalProperties":{"type":"string","maxLength":256}},
                  "rules":{"type":"array","items":{"type":"object","required":["name"],
                           "properties":{"name":{"type":"string"}}}}}}""");
        assertThat(ResidualSchema.of(json, json(CRD))).isEqualTo(json("""
                {"properties":{
                  "azureName":{"pattern":"^(?!-)[a-z-]+$"},
                  "tier":{"enum":["Basic","Premium","Standard"]},
                  "tags":{"additionalProperties":{"maxLength":256}},
                  "rules":{"items":{"required":["name"]}}},
                 "$schema":"https://json-schema.org/draft/2020-12/schema"}"""));
    }

    @Test
    void nothingIsLeftWhenTheCrdSchemaStatesEverything() {
        JsonNode json = json(CRD).deepCopy();
        ((ObjectNode) json).put("description", "a spec");
        assertThat(ResidualSchema.of(json, json(CRD))).isNull();
    }

    @Test
    void everythingIsLeftWhenTheCrdHasNoSchemaForTheSpec() {
        JsonNode json = json(CRD);
        assertThat(ResidualSchema.of(json, json("{}").path("spec"))).isEqualTo(json);
    }

    @Test
    void aSchemaWithReferencesIsKeptWhole() {
        JsonNode json = json("""
                {"type":"object","properties":{"location":{"$ref":"#/$defs/location"}},
                 "$defs":{"location":{"type":"string"}}}""");
        assertThat(ResidualSchema.of(json, json(CRD))).isSameAs(json);
    }

    private static JsonNode json(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
