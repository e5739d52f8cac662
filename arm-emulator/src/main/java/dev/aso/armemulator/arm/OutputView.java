package dev.aso.armemulator.arm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aso.armemulator.types.ResourceTypeDef;
import dev.aso.armemulator.types.TypeFile;
import java.util.Map;

/** What a GET returns: the stored body without write-only values (secrets sent to Azure are never read back). */
final class OutputView {
    private OutputView() {
    }

    static ObjectNode of(ResourceTypeDef def, ObjectNode stored) {
        ObjectNode copy = stored.deepCopy();
        strip(def.file(), def.body(), copy);
        return copy;
    }

    private static void strip(TypeFile file, JsonNode type, JsonNode value) {
        if (value instanceof ObjectNode obj) {
            Map<String, JsonNode> props = file.properties(type, obj);
            for (Map.Entry<String, JsonNode> p : props.entrySet()) {
                if ((TypeFile.flags(p.getValue()) & TypeFile.WRITE_ONLY) != 0) {
                    obj.remove(p.getKey());
                } else if (obj.has(p.getKey())) {
                    strip(file, file.resolve(p.getValue().get("type")), obj.get(p.getKey()));
                }
            }
        } else if (value != null && value.isArray() && TypeFile.kind(type).equals("ArrayType")) {
            JsonNode item = file.resolve(type.get("itemType"));
            value.forEach(v -> strip(file, item, v));
        }
    }
}
