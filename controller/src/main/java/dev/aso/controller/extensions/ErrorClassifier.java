package dev.aso.controller.extensions;

import dev.aso.controller.arm.ArmException;
import dev.aso.controller.reconcile.ReconcileStop;

/**
 * Classifies ARM's errors for a kind whose service uses codes differently: whether an error is retried (Warning)
 * or needs a spec change (Error), and with which reason and message.
 */
public interface ErrorClassifier extends KindExtension {

    /**
     * @param generic how the generic path classifies {@code error} (ARM's code as the reason, its message)
     * @return the stop to show; {@code generic} when the kind has nothing to add
     */
    ReconcileStop classify(ArmException error, ReconcileStop generic);
}
