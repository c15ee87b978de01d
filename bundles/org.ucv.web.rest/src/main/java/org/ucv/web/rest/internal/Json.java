package org.ucv.web.rest.internal;

import java.io.IOException;
import java.util.Map;

import org.ucv.api.spi.ErrorCode;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The API's JSON: one mapper, strict on input (a duplicate key or trailing text is malformed, not
 * silently resolved), and the error body of PROTOCOL.md.
 */
public final class Json {
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private Json() {
    }

    /** @return a new empty object */
    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /**
     * @param body a request body
     * @return its JSON object
     * @throws ApiException {@code invalid_json} when it is empty, malformed or not an object
     */
    public static ObjectNode parseObject(byte[] body) throws ApiException {
        if (body.length == 0) {
            throw ApiException.invalidJson("the request body is empty; a JSON object was expected");
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            // Jackson's own text quotes part of the input, which may hold a password: only the place.
            throw ApiException.invalidJson("the request body is not valid JSON (line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ")");
        } catch (IOException e) {
            throw ApiException.invalidJson("the request body is not valid JSON");
        }
        if (node == null || node.isMissingNode()) {
            throw ApiException.invalidJson("the request body is empty; a JSON object was expected");
        }
        if (!node.isObject()) {
            throw ApiException.invalidJson("the request body must be a JSON object, was " + kind(node));
        }
        return (ObjectNode) node;
    }

    /**
     * @param body a request body that may be empty
     * @return its JSON object, or an empty one for an empty body
     * @throws ApiException {@code invalid_json} when it is malformed or not an object
     */
    public static ObjectNode parseOptionalObject(byte[] body) throws ApiException {
        for (byte b : body) {
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return parseObject(body);
            }
        }
        return object();
    }

    /** @return a JSON type's name for messages: {@code a string}, {@code an array}, ... */
    public static String kind(JsonNode n) {
        if (n.isTextual()) {
            return "a string";
        } else if (n.isNumber()) {
            return "a number";
        } else if (n.isBoolean()) {
            return "a boolean";
        } else if (n.isArray()) {
            return "an array";
        } else if (n.isObject()) {
            return "an object";
        }
        return "null";
    }

    /** @return the bytes of a JSON value */
    public static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a JSON tree", e);
        }
    }

    /**
     * @return {@code {"error":{"code","message","fields"}}}; {@code fields} only when a field is at fault
     */
    public static ObjectNode error(ErrorCode code, String message, Map<String, String> fields) {
        ObjectNode root = object();
        ObjectNode e = root.putObject("error");
        e.put("code", code.wire());
        e.put("message", message);
        if (!fields.isEmpty()) {
            ObjectNode f = e.putObject("fields");
            fields.forEach(f::put);
        }
        return root;
    }

    /** @return the answer for an error */
    public static ApiResponse response(ApiException e) {
        ApiResponse r = ApiResponse.json(e.status(), bytes(error(e.code(), e.getMessage(), e.fields())));
        for (Map.Entry<String, String> h : e.headers().entrySet()) {
            r = r.with(h.getKey(), h.getValue());
        }
        return r;
    }
}
