package dev.aso.codegen.emit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aso.codegen.model.Field;
import dev.aso.codegen.model.KindModel;
import dev.aso.codegen.model.TypeModel;
import dev.aso.codegen.model.TypeModel.*;
import dev.aso.codegen.model.VersionModel;

import java.io.UncheckedIOException;

/**
 * Writes the catalog every deployable reads ({@code meta/<group>/<Kind>.json}, read by
 * {@code dev.aso.api.meta.KindCatalog}): per kind, its served versions (the hub among them) with the shape of their spec
 * and status and each field's ARM name and role, so that the runtime converts between versions and to and from ARM
 * without reflection; the version to recommend instead of a deprecated one; and per version what the webhooks need to
 * default and validate it ({@link AdmissionMetadata}).
 */
public final class MetadataEmitter {

    /** Under the generator's output folder (the api module's {@code target/}): a resource root of the api module. */
    public static final String RESOURCE_ROOT = "generated-resources/codegen/";
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public void emit(KindModel kind, GeneratedFiles out) {
        ObjectNode root = JSON.objectNode();
        root.put("group", kind.group());
        root.put("kind", kind.kind());
        root.put("plural", kind.plural());
        root.put("armType", kind.armType());
        root.put("ownerArmType", kind.ownerArmType());
        root.put("ownerKind", kind.ownerKind());
        if (kind.arbitraryOwner()) {
            root.put("arbitraryOwner", true);
        }
        if (kind.fixedAzureName() != null) {
            root.put("fixedAzureName", kind.fixedAzureName());
        }
        root.put("hubVersion", kind.hub().name());
        root.put("recommendedVersion", AdmissionMetadata.recommendedVersion(kind));
        ObjectNode exports = root.putObject("exports");
        exports.set("secrets", MAPPER.valueToTree(kind.secretExports()));
        exports.set("configMaps", MAPPER.valueToTree(kind.configMapExports()));
        ArrayNode versions = root.putArray("versions");
        for (VersionModel v : kind.versions()) {
            ObjectNode node = versions.addObject();
            node.put("name", v.name());
            node.put("apiVersion", v.apiVersion());
            node.put("storage", v.storage());
            node.put("deprecated", v.deprecated());
            ArrayNode actions = node.putArray("actions");
            v.actions().forEach(actions::add);
            if (!v.requiredContainers().isEmpty()) {
                v.requiredContainers().forEach(node.putArray("requiredContainers")::add);
            }
            node.set("spec", shape(v.spec()));
            node.set("status", shape(v.status()));
            node.set("admission", AdmissionMetadata.of(v));
        }
        out.add(RESOURCE_ROOT + "meta/" + kind.group() + "/" + kind.kind() + ".json", json(root));
    }

    static ObjectNode shape(TypeModel type) {
        ObjectNode node = JSON.objectNode();
        if (type instanceof Primitive p) {
            node.put("type", p.kind().name().toLowerCase(java.util.Locale.ROOT));
        } else if (type instanceof Any a) {
            node.put("type", "any");
        } else if (type instanceof ArrayModel a) {
            node.put("type", "array");
            node.set("items", shape(a.item()));
        } else if (type instanceof MapModel m) {
            node.put("type", "map");
            node.set("values", shape(m.value()));
        } else if (type instanceof Common c) {
            node.put("type", "common").put("common", c.type().javaName());
        } else if (type instanceof ObjectModel o) {
            node.put("type", "object");
            ObjectNode fields = node.putObject("fields");
            for (Field f : o.fields()) {
                ObjectNode field = shape(f.type());
                if (f.arm() != null) {
                    ObjectNode arm = field.putObject("arm");
                    arm.put("name", f.arm().name());
                    if (f.arm().underProperties()) {
                        arm.put("properties", true);
                    } else if (f.arm().container() != null) {
                        arm.put("in", f.arm().container());
                    }
                    arm.put("role", f.arm().role().name());
                    if (f.arm().oneOfValue() != null) {
                        arm.put("oneOfValue", f.arm().oneOfValue());
                    }
                }
                fields.set(f.json(), field);
            }
        }
        return node;
    }

    static String json(ObjectNode node) {
        try {
            return MAPPER.writeValueAsString(node) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
