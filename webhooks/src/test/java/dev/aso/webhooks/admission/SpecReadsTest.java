package dev.aso.webhooks.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.aso.api.meta.OperatorAnnotations;
import dev.aso.webhooks.metadata.KindVersion;
import dev.aso.webhooks.metadata.MetadataIndex;
import dev.aso.webhooks.server.Endpoint;
import dev.aso.webhooks.server.ReviewParser;
import dev.aso.webhooks.server.Selection;
import dev.aso.webhooks.support.Reviews;
import dev.aso.webhooks.support.WebhookTestServer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * The admission steps read only what {@link SpecReads} selects: for every kind and version, an object with every
 * property of its CRD schema set (so that every rule has something to say) gets the same answer whether the server
 * builds the whole review or only the selected part, on CREATE and on UPDATE.
 */
class SpecReadsTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final OperatorIdentities OPERATOR = OperatorIdentities.of(WebhookTestServer.OPERATOR);
    private static final String ARM_ID = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg1"
            + "/providers/Microsoft.Cache/redis/cache1";
    private static final int MAX_DEPTH = 12;

    @ParameterizedTest(name = "metadata prefix \"{0}\"")
    @ValueSource(strings = {"", "fixtures/"})
    void everyStepAnswersTheSameOnTheSelectedPartAsOnTheWholeReview(String prefix) throws Exception {
        assumeThat(getClass().getClassLoader().getResource(prefix + "crds/index.txt"))
                .as(prefix + "crds/index.txt is not on the classpath; build the api module first").isNotNull();
        MetadataIndex index = MetadataIndex.load(getClass().getClassLoader(), prefix);
        Map<String, JsonNode> specSchemas = specSchemas(prefix);
        int denied = 0;
        int patched = 0;
        int smaller = 0;
        for (KindVersion kind : index.kindVersions()) {
            JsonNode specSchema = specSchemas.get(kind.apiVersion() + " " + kind.kind());
            assertThat(specSchema).as(kind.apiVersion() + " " + kind.kind()).isNotNull();
            for (Fill fill : Fill.values()) {
                ObjectNode spec = (ObjectNode) fill(specSchema, "spec", fill, 0);
                Map<String, String> created = Map.of(OperatorAnnotations.RESOURCE_ID, ARM_ID);
                Map<String, String> polling = Map.of(OperatorAnnotations.POLLER_RESUME_TOKEN, "token");
                for (ObjectNode review : List.of(Reviews.create(object(kind, spec, Map.of())),
                        Reviews.update(object(kind, spec, created), object(kind, changed(spec), created)),
                        Reviews.create(object(kind, spec, polling)),
                        Reviews.as(WebhookTestServer.OPERATOR, Reviews.create(object(kind, spec, polling))))) {
                    byte[] body = review.toString().getBytes(StandardCharsets.UTF_8);
                    for (Endpoint endpoint : List.of(new AdmissionEndpoint(kind, new Validation(OPERATOR, AdmissionExtensions.standard())),
                            new AdmissionEndpoint(kind, new Defaulting(AdmissionExtensions.standard())))) {
                        JsonNode whole = endpoint.handle(ReviewParser.parse(body, Selection.ALL)).body();
                        JsonNode selectedReview = ReviewParser.parse(body, endpoint.reads());
                        JsonNode selected = endpoint.handle(selectedReview).body();
                        assertThat(selected).as(kind.apiVersion() + " " + kind.kind() + " " + review.path("request")
                                .path("operation").asText() + " at " + endpoint.reads()).isEqualTo(whole);
                        denied += whole.path("response").path("allowed").asBoolean() ? 0 : 1;
                        patched += whole.path("response").has("patch") ? 1 : 0;
                        smaller += nodes(selectedReview) < nodes(ReviewParser.parse(body, Selection.ALL)) ? 1 : 0;
                    }
                }
            }
        }
        // the comparison must have had something to compare: denials, patches, and parts left out
        assertThat(denied).as("denied reviews").isPositive();
        assertThat(patched).as("patched reviews").isPositive();
        assertThat(smaller).as("reviews of which a part was left out").isPositive();
    }

    private static ObjectNode object(KindVersion kind, ObjectNode spec, Map<String, String> annotations) {
        ObjectNode object = JSON.objectNode().put("apiVersion", kind.apiVersion()).put("kind", kind.kind());
        ObjectNode metadata = object.putObject("metadata").put("name", "object-1").put("namespace", "default")
                .put("uid", "7d4a3d6e-0000-0000-0000-000000000001");
        ObjectNode annotationsNode = metadata.putObject("annotations")
                .put(OperatorAnnotations.RECONCILE_POLICY, "manage")
                .put("kubectl.kubernetes.io/last-applied-configuration", "{\"spec\":{\"azureName\":\"x\"}}");
        annotations.forEach(annotationsNode::put);
        metadata.putObject("labels").put("app", "x");
        metadata.putArray("managedFields").addObject().put("manager", "kubectl").putObject("fieldsV1")
                .putObject("f:spec").putObject("f:azureName");
        object.set("spec", spec);
        return object;
    }

    /** The spec with another azureName and owner, so that the write-once rule has something to refuse. */
    private static ObjectNode changed(ObjectNode spec) {
        ObjectNode copy = spec.deepCopy();
        if (copy.has("azureName")) {
            copy.put("azureName", "another-name");
        }
        if (copy.has("owner")) {
            copy.putObject("owner").put("name", "another-owner");
        }
        return copy;
    }

    /** Which properties {@link #fill} sets. */
    private enum Fill {
        /** every property, so that references have both armId and local fields */
        EVERYTHING,
        /** every property but armId */
        NO_ARM_IDS,
        /** only the required ones, so that defaults apply */
        REQUIRED,
        /** objects and lists, but of the other values only the required ones, so that nested defaults apply */
        STRUCTURE
    }

    /** A value for the properties of a schema {@code fill} says; enums take their first value. */
    private static JsonNode fill(JsonNode schema, String name, Fill fill, int depth) {
        if (depth > MAX_DEPTH) {
            return null;
        }
        if (schema.has("enum")) {
            return schema.get("enum").get(0);
        }
        switch (schema.path("type").asText("")) {
            case "object" -> {
                ObjectNode object = JSON.objectNode();
                List<String> required = new ArrayList<>();
                schema.path("required").forEach(r -> required.add(r.asText()));
                schema.path("properties").fields().forEachRemaining(property -> {
                    JsonNode value = fill(property.getValue(), property.getKey(), fill, depth + 1);
                    boolean wanted = switch (fill) {
                        case EVERYTHING -> true;
                        case NO_ARM_IDS -> !property.getKey().equals("armId");
                        case REQUIRED -> required.contains(property.getKey());
                        case STRUCTURE -> required.contains(property.getKey()) || value != null && value.isContainerNode();
                    };
                    if (value != null && wanted) {
                        object.set(property.getKey(), value);
                    }
                });
                if (schema.path("additionalProperties").isObject() && fill != Fill.REQUIRED) {
                    JsonNode value = fill(schema.get("additionalProperties"), name, fill, depth + 1);
                    if (value != null) {
                        object.set("key-1", value);
                        object.set("key-2", value.deepCopy());
                    }
                }
                if (object.isEmpty() && schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)) {
                    object.put("anything", 1);
                }
                return object;
            }
            case "array" -> {
                ArrayNode array = JSON.arrayNode();
                JsonNode element = fill(schema.path("items"), name, fill, depth + 1);
                if (element != null) {
                    array.add(element).add(element.deepCopy());
                }
                return array;
            }
            case "integer" -> {
                return JSON.numberNode(1);
            }
            case "number" -> {
                return JSON.numberNode(1.5);
            }
            case "boolean" -> {
                return JSON.booleanNode(true);
            }
            case "string" -> {
                return JSON.textNode(name.equals("armId") ? ARM_ID : "value");
            }
            default -> {
                return schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)
                        ? JSON.objectNode().put("anything", 1) : null;
            }
        }
    }

    private static int nodes(JsonNode node) {
        int count = 1;
        for (JsonNode child : node) {
            count += nodes(child);
        }
        return count;
    }

    /** "group/version Kind" → the CRD's openAPIV3Schema of spec, for every CRD the index lists. */
    private Map<String, JsonNode> specSchemas(String prefix) throws Exception {
        Map<String, JsonNode> schemas = new HashMap<>();
        List<String> files = new ArrayList<>();
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(prefix + "crds/index.txt")) {
            new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#")).forEach(files::add);
        }
        for (String file : files) {
            JsonNode crd;
            try (InputStream in = getClass().getClassLoader().getResourceAsStream(prefix + "crds/" + file)) {
                crd = YAML.readTree(in);
            }
            for (JsonNode version : crd.path("spec").path("versions")) {
                schemas.put(crd.path("spec").path("group").asText() + "/" + version.path("name").asText() + " "
                                + crd.path("spec").path("names").path("kind").asText(),
                        version.path("schema").path("openAPIV3Schema").path("properties").path("spec"));
            }
        }
        return schemas;
    }
}
