package dev.aso.controller.extensions;

/**
 * A kind's own behaviour where Azure differs from the generic reconcile, registered in {@link KindExtensions} for
 * its {@code group/Kind}. A class implements one or more of the extension points (each optional, at most one per
 * point and kind): {@link ArmResourceModifier}, {@link PreReconciliationChecker}, {@link PostReconciliationChecker},
 * {@link Deleter}, {@link ErrorClassifier}, {@link KubernetesSecretExporter}, {@link KubernetesConfigMapExporter}, {@link SuccessfulCreationHandler},
 * {@link WellKnownNameResolver}.
 */
public interface KindExtension {
}
