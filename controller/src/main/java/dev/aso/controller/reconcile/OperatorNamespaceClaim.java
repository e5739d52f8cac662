package dev.aso.controller.reconcile;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aso.api.meta.OperatorAnnotations;
import dev.aso.controller.observability.EventRecorder;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * ASO's claim of a resource by one operator: the annotation {@code serviceoperator.azure.com/operator-namespace}
 * holds the namespace of the operator that reconciles it. An unclaimed resource is claimed before anything else is
 * done; a resource claimed by an operator of another namespace (two installations watching the same namespace) is
 * left alone, with ASO's Warning {@code Overlap}, so that they never fight over it.
 */
public final class OperatorNamespaceClaim {

    private final MetadataWriter metadata;
    private final EventRecorder events;
    private final String operatorNamespace;

    public OperatorNamespaceClaim(KubernetesClient kube, EventRecorder events, String operatorNamespace) {
        this.metadata = new MetadataWriter(kube);
        this.events = events;
        this.operatorNamespace = operatorNamespace;
    }

    /** Before a create or update: records this operator's namespace when none is; false when another's is. */
    boolean claim(KindBinding kind, ObjectNode obj) {
        if (claimedByAnother(obj)) {
            return false;
        }
        metadata.annotate(kind, obj, OperatorAnnotations.OPERATOR_NAMESPACE, operatorNamespace);
        return true;
    }

    /** Whether an operator of another namespace has the resource (then a Warning {@code Overlap} is recorded). */
    boolean claimedByAnother(ObjectNode obj) {
        String recorded = Objects.annotation(obj, OperatorAnnotations.OPERATOR_NAMESPACE);
        if (recorded == null || recorded.isEmpty() || recorded.equals(operatorNamespace)) {
            return false;
        }
        events.warning(obj, "Overlap", "Operators in \"" + operatorNamespace + "\" and \"" + recorded
                + "\" are both configured to manage this resource");
        return true;
    }
}
