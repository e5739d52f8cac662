package dev.aso.controller.reconcile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aso.api.meta.KindMeta;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;

import java.util.Optional;

/** Reading custom resources of any generated kind as JSON, and the few facts the reconciler reads from them. */
final class Objects {

    static final ObjectMapper JSON = new ObjectMapper();

    private Objects() {
    }

    static ResourceDefinitionContext context(KindMeta kind) {
        return new ResourceDefinitionContext.Builder().withGroup(kind.group()).withVersion(kind.hubVersion())
                .withKind(kind.kind()).withPlural(kind.plural()).withNamespaced(true).build();
    }

    /** The object of {@code kind} named {@code name}, as JSON at the hub version, or empty. */
    static Optional<ObjectNode> get(KubernetesClient kube, KindMeta kind, String namespace, String name) {
        GenericKubernetesResource r = kube.genericKubernetesResources(context(kind)).inNamespace(namespace).withName(name).get();
        return r == null ? Optional.empty() : Optional.of(kube.getKubernetesSerialization().convertValue(r, ObjectNode.class));
    }

    /**
     * Patches the object in hand, or its status subresource. Named by a handle that carries only its name, because
     * fabric8's patch by name alone first GETs the object: a read for every write, which at scale was a third of the
     * API server's requests.
     */
    static void patch(KubernetesClient kube, KindMeta kind, JsonNode obj, PatchType type, String patch, boolean status) {
        JsonNode meta = obj.path("metadata");
        GenericKubernetesResource handle = new GenericKubernetesResource();
        handle.setApiVersion(kind.group() + "/" + kind.hubVersion());
        handle.setKind(kind.kind());
        handle.setMetadata(new ObjectMetaBuilder().withNamespace(meta.path("namespace").asText())
                .withName(meta.path("name").asText()).build());
        Resource<GenericKubernetesResource> resource = kube.genericKubernetesResources(context(kind))
                .inNamespace(meta.path("namespace").asText()).resource(handle);
        GenericKubernetesResource written = (status ? resource.subresource("status") : resource)
                .patch(PatchContext.of(type), patch);
        // the object in hand stays the latest: a later write of this reconcile that carries the resourceVersion read
        // (MetadataWriter) is checked against this one, not refused as a conflict with itself
        if (written != null && written.getMetadata() != null && written.getMetadata().getResourceVersion() != null
                && meta instanceof com.fasterxml.jackson.databind.node.ObjectNode writable) {
            writable.put("resourceVersion", written.getMetadata().getResourceVersion());
        }
    }

    static String annotation(JsonNode obj, String key) {
        JsonNode v = obj.path("metadata").path("annotations").get(key);
        return v == null || v.isNull() ? null : v.asText();
    }

    /** The Ready condition, or a missing node. */
    static JsonNode ready(JsonNode obj) {
        for (JsonNode c : obj.path("status").path("conditions")) {
            if ("Ready".equals(c.path("type").asText())) {
                return c;
            }
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }

    static boolean isReady(JsonNode obj) {
        return "True".equals(ready(obj).path("status").asText());
    }

    /** Ready=True for the current generation: the Azure resource was brought in line with this spec. */
    static boolean readyAtGeneration(JsonNode obj) {
        JsonNode ready = ready(obj);
        return "True".equals(ready.path("status").asText())
                && ready.path("observedGeneration").asLong(-1) == obj.path("metadata").path("generation").asLong(-2);
    }

    /** Ready=False with {@code reason} for the current generation. */
    static boolean stoppedAtGeneration(JsonNode obj, String reason) {
        JsonNode ready = ready(obj);
        return "False".equals(ready.path("status").asText()) && reason.equals(ready.path("reason").asText())
                && ready.path("observedGeneration").asLong(-1) == obj.path("metadata").path("generation").asLong(-2);
    }

    static String describe(JsonNode obj) {
        return obj.path("kind").asText() + " " + obj.path("metadata").path("namespace").asText() + "/"
                + obj.path("metadata").path("name").asText();
    }
}
