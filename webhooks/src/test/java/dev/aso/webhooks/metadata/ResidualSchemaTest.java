package dev.aso.webhooks.metadata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aso.webhooks.support.Reviews;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ResidualSchemaTest {

    private static final String CRD = """
            {"type":"object","required":["location"],"properties":{
              "azureName":{"type":"string"},
              "location":{"type":"string"},
              "tier":{"type":"string","enum":["Basic","Premium"]},
              "tags":{"type":"object","additionalProperties":{"type":"string"}},
              "rules":{"type":"array","items":{"type":"object","properties":{"name":{"type":"string"}}}}}}""";

    @Test
    void keepsOnlyWhatTheCrdSchemaDoesNotState() {
        JsonNode json = Reviews.json("""
                {"$schema":"https://json-schema.org/draft/2020-12/schema","type":"object","required":["location"],
                 "properties":{
                  "azureName":{"type":"string","pattern":"^(?!-)[a-z-]+$","description":"the name in Azure"},
                  "location":{"type":"string"},
                  "tier":{"type":"string","enum":["Basic","Premium","Standard"]},
                  "tags":{"type":"object","additionalProperties":{"type":"string","maxLength":256}},
                  "rules":{"type":"array","items":{"type":"object","required":["name"],
                           "properties":{"name":{"type":"string"}}}}}}""");
        assertThat(ResidualSchema.of(json, Reviews.json(CRD))).isEqualTo(Reviews.json("""
                {"properties":{
                  "azureName":{"pattern":"^(?!-)[a-z-]+$"},
                  "tier":{"enum":["Basic","Premium","Standard"]},
                  "tags":{"additionalProperties":{"maxLength":256}},
                  "rules":{"items":{"required":["name"]}}},
                 "$schema":"https://json-schema.org/draft/2020-12/schema"}"""));
    }

    @Test
    void nothingIsLeftWhenTheCrdSchemaStatesEverything() {
        JsonNode json = Reviews.json(CRD).deepCopy();
        ((ObjectNode) json).put("description", "a spec");
        assertThat(ResidualSchema.of(json, Reviews.json(CRD))).isNull();
    }

    @Test
    void everythingIsLeftWhenTheCrdHasNoSchemaForTheSpec() {
        JsonNode json = Reviews.json(CRD);
        assertThat(ResidualSchema.of(json, Reviews.json("{}").path("spec"))).isEqualTo(json);
    }

    @Test
    void aSchemaWithReferencesIsKeptWhole() {
        JsonNode json = Reviews.json("""
                {"type":"object","properties":{"location":{"$ref":"#/$defs/location"}},
                 "$defs":{"location":{"type":"string"}}}""");
        assertThat(ResidualSchema.of(json, Reviews.json(CRD))).isSameAs(json);
    }
}
