package dev.aso.controller.reconcile;

import java.time.Duration;

/**
 * How a reconcile or a delete ended, for JOSDK's scheduling.
 *
 * @param requeueAfter when to reconcile again (null: only on the next change)
 * @param finished     the delete is done: the finalizer may go
 */
public record Outcome(Duration requeueAfter, boolean finished) {

    /** Not finished; look again after {@code wait} (null: only on the next change). */
    public static Outcome after(Duration wait) {
        return new Outcome(wait, false);
    }

    /** The delete is done. */
    public static Outcome deleted() {
        return new Outcome(null, true);
    }
}
