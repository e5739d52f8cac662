package dev.aso.webhooks.admission;

/** What one webhook path does with a well-formed admission request: default it, or validate it. */
public interface AdmissionStep {

    AdmissionResponse admit(AdmissionRequest request);
}
