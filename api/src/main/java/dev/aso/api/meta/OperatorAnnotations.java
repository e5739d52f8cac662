package dev.aso.api.meta;

import java.util.List;

/**
 * ASO's annotation names and finalizer, in one place for the controller and the webhooks. The operator-owned ones
 * ({@link #OPERATOR_OWNED}) the operator writes for itself: only its own service account may set or change them,
 * and the controller checks them before acting on them (docs/security.md).
 */
public final class OperatorAnnotations {

    public static final String PREFIX = "serviceoperator.azure.com/";
    /** The ARM id the operator created the resource at. Operator-owned. */
    public static final String RESOURCE_ID = PREFIX + "resource-id";
    /** Where a running long-running ARM operation is polled. Operator-owned. */
    public static final String POLLER_RESUME_TOKEN = PREFIX + "poller-resume-token";
    /**
     * The Azure name read from {@code spec.azureNameFromConfig} (ASO's), recorded before anything is written to Azure
     * and used from then on, whatever the ConfigMap says later. Operator-owned.
     */
    public static final String AZURE_NAME_FROM_CONFIG = PREFIX + "azure-name-from-config";
    /** manage, skip or detach-on-delete ({@link ReconcilePolicy}); on a resource or its Namespace. */
    public static final String RECONCILE_POLICY = PREFIX + "reconcile-policy";
    /** The name of the Secret in the resource's namespace holding its credential. */
    public static final String CREDENTIAL_FROM = PREFIX + "credential-from";
    /** How often this resource is re-checked against Azure ({@link GoDuration#syncPeriod}), over AZURE_SYNC_PERIOD. */
    public static final String SYNC_PERIOD = PREFIX + "sync-period";
    /** The namespace of the operator that reconciles the resource (ASO's claim; another operator leaves it alone). */
    public static final String OPERATOR_NAMESPACE = PREFIX + "operator-namespace";
    public static final String FINALIZER = PREFIX + "finalizer";

    /** Annotations the operator writes for itself; nobody else may set or change them. */
    public static final List<String> OPERATOR_OWNED = List.of(RESOURCE_ID, POLLER_RESUME_TOKEN,
            AZURE_NAME_FROM_CONFIG);

    private OperatorAnnotations() {
    }
}
