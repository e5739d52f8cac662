package dev.aso.armemulator.types;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The type-graph walk on a small hand-written graph in the bicep types format. */
class BodyValidatorTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String GRAPH = """
            [
              {"$type": "StringType"},
              {"$type": "IntegerType", "minValue": 1, "maxValue": 10},
              {"$type": "ArrayType", "itemType": {"$ref": "#/0"}, "minLength": 1, "maxLength": 2},
              {"$type": "ObjectType", "name": "Body", "properties": {
                 "count": {"type": {"$ref": "#/1"}, "flags": 1},
                 "names": {"type": {"$ref": "#/2"}, "flags": 0},
                 "state": {"type": {"$ref": "#/0"}, "flags": 2},
                 "secret": {"type": {"$ref": "#/0"}, "flags": 4},
                 "labels": {"type": {"$ref": "#/4"}, "flags": 0},
                 "shape": {"type": {"$ref": "#/5"}, "flags": 0}}},
              {"$type": "ObjectType", "name": "Labels", "properties": {}, "additionalProperties": {"$ref": "#/1"}},
              {"$type": "DiscriminatedObjectType", "name": "Shape", "discriminator": "kind",
               "baseProperties": {"id": {"type": {"$ref": "#/0"}, "flags": 0}},
               "elements": {"Circle": {"$ref": "#/6"}, "Square": {"$ref": "#/7"}}},
              {"$type": "ObjectType", "name": "Circle", "properties": {"kind": {"type": {"$ref": "#/8"}, "flags": 1},
                 "radius": {"type": {"$ref": "#/1"}, "flags": 1}}},
              {"$type": "ObjectType", "name": "Square", "properties": {"kind": {"type": {"$ref": "#/9"}, "flags": 1},
                 "side": {"type": {"$ref": "#/1"}, "flags": 1}}},
              {"$type": "StringLiteralType", "value": "Circle"},
              {"$type": "StringLiteralType", "value": "Square"}
            ]""";

    static BodyValidator.Result validate(String body) throws Exception {
        TypeFile file = new TypeFile("test", JSON.readTree(GRAPH));
        return BodyValidator.validate(file, file.type(3), JSON.readTree(body), Set.of());
    }

    static List<String> problems(String body) throws Exception {
        return validate(body).violations().stream().map(BodyValidator.Violation::toString).toList();
    }

    @Test
    void rangesLengthsAndRequired() throws Exception {
        assertThat(problems("{\"count\": 0, \"names\": []}")).containsExactly(
                "'count' must be at least 1, found 0", "'names' must have at least 1 items, found 0");
        assertThat(problems("{\"count\": 11, \"names\": [\"a\", \"b\", \"c\"]}")).containsExactly(
                "'count' must be at most 10, found 11", "'names' must have at most 2 items, found 3");
        assertThat(problems("{\"names\": [\"a\", 1]}")).containsExactly(
                "'count' is required", "'names[1]' must be a string, found the number 1");
        assertThat(problems("[]")).containsExactly("'(body)' must be a JSON object, found an array");
    }

    @Test
    void mapsAndDiscriminatedObjects() throws Exception {
        assertThat(problems("{\"count\": 1, \"labels\": {\"a\": 3, \"b\": 30}}")).containsExactly("'labels.b' must be at most 10, found 30");
        assertThat(problems("{\"count\": 1, \"shape\": {\"kind\": \"circle\", \"radius\": 2, \"id\": \"x\"}}")).isEmpty();
        assertThat(problems("{\"count\": 1, \"shape\": {\"kind\": \"Square\"}}")).containsExactly("'shape.side' is required");
        assertThat(problems("{\"count\": 1, \"shape\": {\"kind\": \"Triangle\"}}"))
                .containsExactly("'shape.kind' must be one of 'Circle', 'Square', found the string 'Triangle'");
        assertThat(problems("{\"count\": 1, \"shape\": {}}")).containsExactly("'shape.kind' is required (one of 'Circle', 'Square')");
    }

    @Test
    void readOnlyAndUnknownInputIsDroppedWriteOnlyKept() throws Exception {
        JsonNode kept = validate("{\"count\": 2, \"state\": \"Failed\", \"secret\": \"s\", \"extra\": true, \"Names\": [\"a\"]}").value();
        assertThat(kept.toString()).isEqualTo("{\"count\":2,\"names\":[\"a\"],\"secret\":\"s\"}");
    }
}
