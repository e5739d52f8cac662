package dev.aso.armemulator.arm;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/** An ARM answer: status, headers and an optional JSON body. */
public record ArmResponse(int status, Map<String, String> headers, JsonNode body) {
    public static ArmResponse of(int status, JsonNode body) {
        return new ArmResponse(status, new LinkedHashMap<>(), body);
    }

    public ArmResponse header(String name, String value) {
        headers.put(name, value);
        return this;
    }
}
