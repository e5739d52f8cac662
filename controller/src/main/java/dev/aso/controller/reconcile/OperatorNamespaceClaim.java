package dev.aso.controller.reconcile;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aso.api.meta.OperatorAnnotations;
import dev.aso.controller.observability.EventRecorder;

import java.util.Map;

/**
 * ASO's claim of a resource by one operator: the annotation {@code serviceoperator.azure.com/operator-namespace}
 * holds the namespace of the operator that reconciles it. A resource claimed by an operator of another namespace (two
 * installations watching the same namespace) is left alone, with ASO's Warning {@code Overlap}, so that they never
 * fight over it. An unclaimed one is claimed by the reconcile's first write of its marks ({@link MetadataWriter#ensure},
 * with the ARM id and the owner), which tests that no other claim was written since the object was read.
 */
public final class OperatorNamespaceClaim {

    private final EventRecorder events;
    private final String operatorNamespace;

    public OperatorNamespaceClaim(EventRecorder events, String operatorNamespace) {
        this.events = events;
        this.operatorNamespace = operatorNamespace;
    }

    /** The annotation that claims a resource for this operator. */
    static Map<String, String> annotation(String operatorNamespace) {
        return Map.of(OperatorAnnotations.OPERATOR_NAMESPACE, operatorNamespace);
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
