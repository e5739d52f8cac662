package dev.aso.webhooks.admission;

/** One validation check on CREATE and UPDATE; adds a field error for each problem it finds. */
public interface ValidationRule {

    void check(AdmissionRequest request, FieldErrors errors);
}
