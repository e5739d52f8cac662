package dev.aso.webhooks.admission.kinds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aso.webhooks.admission.AdmissionRequest;
import dev.aso.webhooks.admission.KindDefaulter;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Set;
import java.util.UUID;

/**
 * A role assignment's Azure name must be a GUID, unique in the tenant. As ASO does, an absent {@code spec.azureName}
 * becomes, with {@code spec.operatorSpec.namingConvention} {@code stable} (the default), a version 5 UUID in ASO's
 * namespace of a string naming the owner, the kind and the object, so the same object in the same place always gets
 * the same name (and a {@code metadata.name} that is a UUID already is used as is); with {@code random}, a random UUID.
 */
public final class RoleAssignmentNames implements KindDefaulter {

    /** ASO's UUIDv5 namespace, so that names match those ASO gives the same objects. */
    static final UUID ASO_NAMESPACE = UUID.fromString("9a329043-7ad7-4b1c-812f-9c7a93d6392a");

    @Override
    public Set<String> specReads() {
        return Set.of("azureName", "owner", "operatorSpec");
    }

    @Override
    public void apply(AdmissionRequest request, ObjectNode object) {
        if (!(object.get("spec") instanceof ObjectNode spec) || !spec.path("owner").isObject()
                || !spec.path("azureName").asText("").isEmpty()) {
            return;
        }
        String convention = spec.path("operatorSpec").path("namingConvention").asText("stable");
        String namespace = object.path("metadata").path("namespace").asText("");
        String name = object.path("metadata").path("name").asText("");
        if (convention.equalsIgnoreCase("random")) {
            spec.put("azureName", UUID.randomUUID().toString());
        } else if (convention.equalsIgnoreCase("stable")) {
            spec.put("azureName", isUuid(name) ? name
                    : nameBased(uniqueString(spec.path("owner"), request.kind().group(), request.kind().kind(), namespace, name)));
        }
    }

    /**
     * ASO's unique owner-scoped string: the owner ({@code armId}, or {@code group/Kind:namespace/name}), then
     * {@code Kind/group}, then {@code namespace/name}, joined by colons.
     */
    static String uniqueString(JsonNode owner, String group, String kind, String namespace, String name) {
        String armId = owner.path("armId").asText("");
        String ownerPart = !armId.isEmpty() ? armId : owner.path("group").asText("") + "/" + owner.path("kind").asText("")
                + ":" + namespace + "/" + owner.path("name").asText("");
        return ownerPart + ":" + kind + "/" + group + ":" + namespace + "/" + name;
    }

    /** RFC 4122 version 5 (SHA-1, name-based) in {@link #ASO_NAMESPACE}. */
    static String nameBased(String value) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            sha1.update(bytes(ASO_NAMESPACE));
            byte[] hash = sha1.digest(value.getBytes(StandardCharsets.UTF_8));
            hash[6] = (byte) ((hash[6] & 0x0f) | 0x50);
            hash[8] = (byte) ((hash[8] & 0x3f) | 0x80);
            long msb = 0;
            long lsb = 0;
            for (int i = 0; i < 8; i++) {
                msb = (msb << 8) | (hash[i] & 0xff);
                lsb = (lsb << 8) | (hash[i + 8] & 0xff);
            }
            return new UUID(msb, lsb).toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required of every JVM", e);
        }
    }

    private static byte[] bytes(UUID uuid) {
        byte[] out = new byte[16];
        for (int i = 0; i < 8; i++) {
            out[i] = (byte) (uuid.getMostSignificantBits() >>> (56 - 8 * i));
            out[i + 8] = (byte) (uuid.getLeastSignificantBits() >>> (56 - 8 * i));
        }
        return out;
    }

    private static boolean isUuid(String value) {
        try {
            return UUID.fromString(value).toString().equalsIgnoreCase(value);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
