package dev.aso.controller.reconcile;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aso.api.meta.KindCatalog;
import dev.aso.api.meta.KindMeta;
import dev.aso.api.meta.OperatorAnnotations;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The controller's annotation writes touch their own key only, whatever the copy it read had. */
@EnableKubernetesMockClient(crud = true)
class MetadataWriterTest {

    static final KindMeta RG = KindCatalog.load().kind("resources.azure.com", "ResourceGroup").orElseThrow();
    KubernetesClient kube;

    @Test
    void annotatingACopyWithoutAnnotationsKeepsTheUsersAddedSinceItWasRead() {
        kube.genericKubernetesResources(Objects.context(RG)).inNamespace("default").resource(new GenericKubernetesResourceBuilder()
                .withApiVersion(RG.group() + "/" + RG.hubVersion()).withKind("ResourceGroup")
                .withNewMetadata().withName("rg").withNamespace("default").endMetadata()
                .withAdditionalProperties(Map.of("spec", Map.of("location", "westus"))).build()).create();
        ObjectNode read = Objects.get(kube, RG, "default", "rg").orElseThrow();
        assertThat(read.path("metadata").has("annotations")).isFalse();
        kube.genericKubernetesResources(Objects.context(RG)).inNamespace("default").withName("rg").edit(r -> {
            r.getMetadata().setAnnotations(Map.of("team", "payments"));
            return r;
        });

        new MetadataWriter(kube).annotate(KindBinding.of(RG).orElseThrow(), read, OperatorAnnotations.RESOURCE_ID,
                "/subscriptions/s/resourceGroups/rg");

        GenericKubernetesResource stored = kube.genericKubernetesResources(Objects.context(RG)).inNamespace("default")
                .withName("rg").get();
        assertThat(stored.getMetadata().getAnnotations()).containsEntry("team", "payments")
                .containsEntry(OperatorAnnotations.RESOURCE_ID, "/subscriptions/s/resourceGroups/rg");
    }
}
