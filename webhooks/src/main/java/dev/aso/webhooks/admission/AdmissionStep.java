package dev.aso.webhooks.admission;

import dev.aso.webhooks.metadata.KindVersion;
import dev.aso.webhooks.server.Selection;

/** What one webhook path does with a well-formed admission request: default it, or validate it. */
public interface AdmissionStep {

    /**
     * @return the part of a {@code kind} object's spec this step reads; the rest is left out of the request it is
     * given (see {@link SpecReads})
     */
    Selection specReads(KindVersion kind);

    AdmissionResponse admit(AdmissionRequest request);
}
