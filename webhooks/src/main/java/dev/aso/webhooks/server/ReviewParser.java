package dev.aso.webhooks.server;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;

/**
 * Parses a review body into a tree of the parts an endpoint reads ({@link Endpoint#reads()}). Parsing is most of a
 * webhook's own work, and tree nodes are most of that (allocation, hashing), so nodes are built only for what is read.
 */
public final class ReviewParser {

    private static final ObjectMapper WHOLE = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    /** Reads one value from a parser in the middle of a body: what follows it is the caller's. */
    private static final ObjectMapper PART = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ReviewParser() {
    }

    /**
     * @throws com.fasterxml.jackson.core.JsonProcessingException when the body is not one JSON value
     * @throws BadRequestException                                 when it is empty or has more after its value
     */
    public static JsonNode parse(byte[] body, Selection reads) throws IOException, BadRequestException {
        JsonNode node = reads.isAll() ? WHOLE.readTree(body) : selected(body, reads);
        if (node == null || node.isMissingNode()) {
            throw new BadRequestException("request body is empty");
        }
        return node;
    }

    private static JsonNode selected(byte[] body, Selection reads) throws IOException, BadRequestException {
        try (JsonParser parser = PART.createParser(body)) {
            if (parser.nextToken() == null) {
                return null;
            }
            JsonNode node = read(parser, reads);
            if (parser.nextToken() != null) {
                throw new BadRequestException("request body is not valid JSON: more follows its first value");
            }
            return node;
        }
    }

    /**
     * Reads the value at the parser's current token, as {@code ObjectMapper.readTree} builds it with its default
     * settings (a later duplicate property wins) but only the selected parts; leaves the parser on its last token.
     * Built here, not with readTree, also for the wholly selected parts: readTree sets up a deserialization context
     * on every call, which costs more than the few nodes of a part.
     */
    private static JsonNode read(JsonParser parser, Selection selection) throws IOException {
        switch (parser.currentToken()) {
            case START_OBJECT -> {
                ObjectNode object = NODES.objectNode();
                while (next(parser) == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    Selection child = selection.property(name);
                    next(parser);
                    if (child == null) {
                        parser.skipChildren();
                    } else {
                        object.set(name, read(parser, child));
                    }
                }
                return object;
            }
            case START_ARRAY -> {
                ArrayNode array = NODES.arrayNode();
                Selection elements = selection.elements();
                while (next(parser) != JsonToken.END_ARRAY) {
                    if (elements == null) {
                        parser.skipChildren();
                    } else {
                        array.add(read(parser, elements));
                    }
                }
                return array;
            }
            case VALUE_STRING -> {
                return NODES.textNode(parser.getText());
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return NODES.booleanNode(parser.getBooleanValue());
            }
            case VALUE_NULL -> {
                return NODES.nullNode();
            }
            default -> {
                return PART.readTree(parser); // a number: Jackson's own choice of int, long, BigInteger or double
            }
        }
    }

    private static JsonToken next(JsonParser parser) throws IOException {
        JsonToken token = parser.nextToken();
        if (token == null) {
            throw new JsonEOFException(parser, null, "unexpected end of the body");
        }
        return token;
    }
}
