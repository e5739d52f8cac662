package dev.aso.controller.reconcile;

import dev.aso.api.meta.OperatorAnnotations;
import com.fasterxml.jackson.databind.JsonNode;
import dev.aso.api.meta.ReconcilePolicy;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The reconcile-policy of a resource: its own annotation, else its Namespace's (read at most every 30 s per
 * namespace; read afresh before a delete), else DEFAULT_RECONCILE_POLICY.
 */
final class PolicyResolver {

    private static final long NAMESPACE_TTL_MS = 30_000;
    /** An invalid policy is fixed in an annotation, not the spec: looked at again this often. */
    private static final java.time.Duration RECHECK = java.time.Duration.ofSeconds(30);

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
        return resolve(obj, false);
    }

    /**
     * The policy that decides whether deleting the object deletes the Azure resource: the Namespace is read now,
     * not from the cache (a detach-on-delete set just before the delete counts), and an invalid or unreadable policy
     * stops the delete (Ready=False, finalizer kept) rather than falling back to manage: it never leads to a DELETE.
     */
    ReconcilePolicy forDelete(JsonNode obj) throws ReconcileStop {
        return resolve(obj, true);
    }

    private ReconcilePolicy resolve(JsonNode obj, boolean fresh) throws ReconcileStop {
        String own = Objects.annotation(obj, OperatorAnnotations.RECONCILE_POLICY);
        if (own != null) {
            return parse(own, "the annotation " + OperatorAnnotations.RECONCILE_POLICY);
        }
        String namespace = obj.path("metadata").path("namespace").asText();
        String inherited = namespacePolicy(namespace, fresh);
        return inherited == null ? fallback
                : parse(inherited, "the annotation " + OperatorAnnotations.RECONCILE_POLICY + " of namespace " + namespace);
    }

    private String namespacePolicy(String namespace, boolean fresh) throws ReconcileStop {
        long now = clock.millis();
        Cached c = namespaces.get(namespace);
        if (fresh || c == null || now - c.at() > NAMESPACE_TTL_MS) {
            Namespace ns;
            try {
                ns = kube.namespaces().withName(namespace).get();
            } catch (KubernetesClientException e) {
                throw ReconcileStop.warning("NamespaceUnreadable", "cannot read namespace " + namespace
                        + " for its " + OperatorAnnotations.RECONCILE_POLICY + " annotation (HTTP " + e.getCode()
                        + "); the operator needs get on namespaces");
            }
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
            throw ReconcileStop.errorFixedOutsideTheSpec("InvalidReconcilePolicy", where + " is '" + value
                    + "'; use manage, skip or detach-on-delete", RECHECK);
        }
        return p.get();
    }
}
