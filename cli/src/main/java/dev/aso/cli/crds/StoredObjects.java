package dev.aso.cli.crds;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The objects of one CRD, read through one served version and written back unchanged: a write always stores the
 * object at the CRD's current storage version, which is what moves it off older ones (as kube-storage-version-migrator
 * does). A conflict or a vanished object counts as moved: someone else wrote or deleted it after it was read.
 */
final class StoredObjects {

    private static final long PAGE = 500;

    /** An object that could not be written back, and why. */
    record Failure(String object, KubernetesClientException error) { }

    private final KubernetesClient kube;
    private final ResourceDefinitionContext context;

    StoredObjects(KubernetesClient kube, CustomResourceDefinition crd, String version) {
        this.kube = kube;
        this.context = new ResourceDefinitionContext.Builder()
                .withGroup(crd.getSpec().getGroup())
                .withVersion(version)
                .withKind(crd.getSpec().getNames().getKind())
                .withPlural(crd.getSpec().getNames().getPlural())
                .withNamespaced("Namespaced".equals(crd.getSpec().getScope()))
                .build();
    }

    /** Every object in every namespace, page by page. */
    void forEach(Consumer<GenericKubernetesResource> action) {
        String token = null;
        do {
            GenericKubernetesResourceList page = kube.genericKubernetesResources(context).inAnyNamespace()
                    .list(new ListOptionsBuilder().withLimit(PAGE).withContinue(token).build());
            page.getItems().forEach(action);
            token = page.getMetadata() == null ? null : page.getMetadata().getContinue();
        } while (token != null && !token.isEmpty());
    }

    /** Writes {@code object} back as read (its resourceVersion guards against overwriting a newer one). */
    void rewrite(GenericKubernetesResource object) {
        String namespace = object.getMetadata().getNamespace();
        var resources = kube.genericKubernetesResources(context);
        try {
            (namespace == null ? resources.resource(object) : resources.inNamespace(namespace).resource(object)).update();
        } catch (KubernetesClientException e) {
            if (e.getCode() != 409 && e.getCode() != 404) {
                throw e;
            }
        }
    }

    static String name(GenericKubernetesResource object) {
        String namespace = object.getMetadata().getNamespace();
        return (namespace == null ? "" : namespace + "/") + object.getMetadata().getName();
    }

    /** Rewrites every object; returns those that failed (the rest are stored at the storage version). */
    List<Failure> rewriteAll(Consumer<GenericKubernetesResource> each) {
        List<Failure> failures = new ArrayList<>();
        forEach(object -> {
            try {
                rewrite(object);
                each.accept(object);
            } catch (KubernetesClientException e) {
                failures.add(new Failure(name(object), e));
            }
        });
        return failures;
    }
}
