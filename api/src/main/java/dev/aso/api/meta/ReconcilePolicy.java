package dev.aso.api.meta;

import java.util.Arrays;
import java.util.Optional;

/** ASO's {@code serviceoperator.azure.com/reconcile-policy} values. */
public enum ReconcilePolicy {
    /** Create, update and delete the Azure resource. */
    MANAGE("manage"),
    /** Only read the Azure resource into status; never write or delete it. */
    SKIP("skip"),
    /** Create and update, but leave the Azure resource in place when the Kubernetes object is deleted. */
    DETACH_ON_DELETE("detach-on-delete");

    private final String value;

    ReconcilePolicy(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }

    public static Optional<ReconcilePolicy> parse(String text) {
        return Arrays.stream(values()).filter(p -> p.value.equalsIgnoreCase(text.trim())).findFirst();
    }
}
