package dev.aso.webhooks.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.UUID;

/** AdmissionReview and ConversionReview bodies shaped as kube-apiserver sends them. */
public final class Reviews {

    public static final ObjectMapper JSON = new ObjectMapper();

    private Reviews() {
    }

    public static ObjectNode json(String text) {
        try {
            return (ObjectNode) JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    public static ObjectNode admission(String apiVersion, String operation, ObjectNode object, ObjectNode oldObject) {
        String[] gv = (object != null ? object : oldObject).path("apiVersion").asText().split("/");
        String kind = (object != null ? object : oldObject).path("kind").asText();
        JsonNode metadata = (object != null ? object : oldObject).path("metadata");
        ObjectNode review = JSON.createObjectNode();
        review.put("apiVersion", apiVersion).put("kind", "AdmissionReview");
        ObjectNode request = review.putObject("request");
        request.put("uid", UUID.randomUUID().toString());
        request.putObject("kind").put("group", gv[0]).put("version", gv[1]).put("kind", kind);
        request.putObject("resource").put("group", gv[0]).put("version", gv[1]).put("resource", kind.toLowerCase());
        request.set("requestKind", request.get("kind").deepCopy());
        request.set("requestResource", request.get("resource").deepCopy());
        request.put("name", metadata.path("name").asText());
        request.put("namespace", metadata.path("namespace").asText("default"));
        request.put("operation", operation);
        request.putObject("userInfo").put("username", "kubernetes-admin").putArray("groups").add("system:masters");
        request.set("object", object);
        request.set("oldObject", oldObject);
        request.put("dryRun", false);
        request.putObject("options").put("apiVersion", "meta.k8s.io/v1").put("kind",
                operation.equals("CREATE") ? "CreateOptions" : operation.equals("UPDATE") ? "UpdateOptions" : "DeleteOptions");
        return review;
    }

    /** The review, as sent on behalf of {@code username} ({@code request.userInfo.username}). */
    public static ObjectNode as(String username, ObjectNode review) {
        ((ObjectNode) review.path("request").path("userInfo")).put("username", username);
        return review;
    }

    public static ObjectNode create(ObjectNode object) {
        return admission("admission.k8s.io/v1", "CREATE", object, null);
    }

    public static ObjectNode update(ObjectNode oldObject, ObjectNode object) {
        return admission("admission.k8s.io/v1", "UPDATE", object, oldObject);
    }

    public static ObjectNode conversion(String desiredApiVersion, List<ObjectNode> objects) {
        ObjectNode review = JSON.createObjectNode();
        review.put("apiVersion", "apiextensions.k8s.io/v1").put("kind", "ConversionReview");
        ObjectNode request = review.putObject("request");
        request.put("uid", UUID.randomUUID().toString());
        request.put("desiredAPIVersion", desiredApiVersion);
        ArrayNode array = request.putArray("objects");
        objects.forEach(array::add);
        return review;
    }

    /** A realistic Redis as a user would apply it (with the fields apiserver adds). */
    public static ObjectNode redis(String name) {
        return json("""
                {"apiVersion":"cache.azure.com/v1api20230801","kind":"Redis",
                 "metadata":{"name":"%s","namespace":"default","uid":"%s","generation":1,
                   "creationTimestamp":"2026-11-24T10:00:00Z",
                   "annotations":{"kubectl.kubernetes.io/last-applied-configuration":"{}"},
                   "labels":{"app":"cache"}},
                 "spec":{"location":"westcentralus","owner":{"name":"aso-sample-rg"},
                   "sku":{"family":"P","name":"Premium","capacity":1},
                   "enableNonSslPort":false,"minimumTlsVersion":"1.2","redisVersion":"6",
                   "redisConfiguration":{"maxmemory-delta":"10","maxmemory-policy":"allkeys-lru"},
                   "subnetReference":{"group":"network.azure.com","kind":"VirtualNetworksSubnet","name":"subnet1"},
                   "userAssignedIdentities":[{"reference":{"armId":"/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id1"}}],
                   "tags":{"env":"test","team":"platform"},
                   "zones":["1","2"],
                   "operatorSpec":{"secrets":{"primaryKey":{"name":"redis-secret","key":"primaryKey"},
                                              "secondaryKey":{"name":"redis-secret","key":"secondaryKey"},
                                              "hostName":{"name":"redis-secret","key":"hostName"}},
                                   "configMaps":{"hostName":{"name":"redis-config","key":"hostName"}}}},
                 "status":{}}
                """.formatted(name, UUID.randomUUID()));
    }

    public static ObjectNode resourceGroup(String apiVersion, String name) {
        return json("""
                {"apiVersion":"%s","kind":"ResourceGroup",
                 "metadata":{"name":"%s","namespace":"default","uid":"%s"},
                 "spec":{"location":"westcentralus"}}
                """.formatted(apiVersion, name, UUID.randomUUID()));
    }
}
