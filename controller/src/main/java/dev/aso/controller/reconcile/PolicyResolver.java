package dev.aso.controller.reconcile;

import dev.aso.api.meta.OperatorAnnotations;
import com.fasterxml.jackson.databind.JsonNode;
import dev.aso.api.meta.ReconcilePolicy;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The reconcile-policy of a resource: its own annotation, else its Namespace's (read at most every 30 s per
 * namespace), else DEFAULT_RECONCILE_POLICY.
 */
final class PolicyResolver {

    private static final long NAMESPACE_TTL_MS = 30_000;

    private record Cached(String value, long at) { }

    private final KubernetesClient kube;
    private final ReconcilePolicy fallback;
    private final Clock clock;
    private final Map<String, Cached> namespaces = new ConcurrentHashMap<>();

    PolicyResolver(KubernetesClient kube, ReconcilePolicy fallback, Clock clock) {
        this.kube = kube;
        this.fallback = fallback;
        this.clock = clock;
    }

    ReconcilePolicy of(JsonNode obj) throws ReconcileStop {
        String own = Objects.annotation(obj, OperatorAnnotations.RECONCILE_POLICY);
        if (own != null) {
            return parse(own, "the annotation " + OperatorAnnotations.RECONCILE_POLICY);
        }
        String namespace = obj.path("metadata").path("namespace").asText();
        String inherited = namespacePolicy(namespace);
        return inherited == null ? fallback
                : parse(inherited, "the annotation " + OperatorAnnotations.RECONCILE_POLICY + " of namespace " + namespace);
    }

    /** As {@link #of}, but an invalid value counts as the default, so an object can always be deleted. */
    ReconcilePolicy forDelete(JsonNode obj) {
        try {
            return of(obj);
        } catch (ReconcileStop e) {
            return fallback;
        }
    }

    private String namespacePolicy(String namespace) {
        long now = clock.millis();
        Cached c = namespaces.get(namespace);
        if (c == null || now - c.at() > NAMESPACE_TTL_MS) {
            Namespace ns = kube.namespaces().withName(namespace).get();
            String value = ns == null || ns.getMetadata().getAnnotations() == null ? null
                    : ns.getMetadata().getAnnotations().get(OperatorAnnotations.RECONCILE_POLICY);
            c = new Cached(value, now);
            namespaces.put(namespace, c);
        }
        return c.value();
    }

    private static ReconcilePolicy parse(String value, String where) throws ReconcileStop {
        Optional<ReconcilePolicy> p = ReconcilePolicy.parse(value);
        if (p.isEmpty()) {
            throw ReconcileStop.error("InvalidReconcilePolicy", where + " is '" + value
                    + "'; use manage, skip or detach-on-delete");
        }
        return p.get();
    }
}
