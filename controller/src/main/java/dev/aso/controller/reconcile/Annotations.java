package dev.aso.controller.reconcile;

/** ASO's annotation names and the finalizer. */
public final class Annotations {

    public static final String PREFIX = "serviceoperator.azure.com/";
    public static final String RESOURCE_ID = PREFIX + "resource-id";
    public static final String RECONCILE_POLICY = PREFIX + "reconcile-policy";
    public static final String POLLER_RESUME_TOKEN = PREFIX + "poller-resume-token";
    public static final String FINALIZER = PREFIX + "finalizer";

    private Annotations() {
    }
}
