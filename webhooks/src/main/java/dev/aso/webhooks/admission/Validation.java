package dev.aso.webhooks.admission;

import dev.aso.webhooks.admission.rules.DestinationRule;
import dev.aso.webhooks.admission.rules.FromConfigRule;
import dev.aso.webhooks.admission.rules.OperatorAnnotationRule;
import dev.aso.webhooks.admission.rules.OwnerTypeRule;
import dev.aso.webhooks.admission.rules.ReconcilePolicyRule;
import dev.aso.webhooks.admission.rules.SyncPeriodRule;
import dev.aso.webhooks.admission.rules.ReferenceRule;
import dev.aso.webhooks.admission.rules.SchemaRule;
import dev.aso.webhooks.admission.rules.WriteOnceRule;
import dev.aso.webhooks.metadata.KindVersion;
import dev.aso.webhooks.server.Selection;

import java.util.List;

/**
 * The validating webhook: every rule on CREATE and UPDATE, then the kind's {@link KindValidator}; a deprecation
 * warning for a deprecated version.
 */
public final class Validation implements AdmissionStep {

    private final List<ValidationRule> rules;
    private final AdmissionExtensions extensions;

    /** @param operator who may set the operator-owned annotations */
    public Validation(OperatorIdentities operator, AdmissionExtensions extensions) {
        rules = List.of(new OperatorAnnotationRule(operator), new ReconcilePolicyRule(), new SyncPeriodRule(), new WriteOnceRule(),
                new ReferenceRule(), new OwnerTypeRule(), new FromConfigRule(), new DestinationRule(), new SchemaRule());
        this.extensions = extensions;
    }

    @Override
    public Selection specReads(KindVersion kind) {
        return SpecReads.forValidation(kind, extensions.validator(kind).map(KindValidator::specReads).orElse(java.util.Set.of()));
    }

    @Override
    public AdmissionResponse admit(AdmissionRequest request) {
        if (!request.isCreate() && !request.isUpdate()) {
            return AdmissionResponse.allow(List.of());
        }
        List<String> warnings = warnings(request.kind());
        FieldErrors errors = new FieldErrors();
        for (ValidationRule rule : rules) {
            rule.check(request, errors);
        }
        extensions.validator(request.kind()).ifPresent(v -> v.check(request, errors));
        return errors.isEmpty() ? AdmissionResponse.allow(warnings)
                : AdmissionResponse.deny(errors.message(request.kind().qualifiedKind(), request.name()), warnings);
    }

    private static List<String> warnings(KindVersion kind) {
        if (!kind.deprecated()) {
            return List.of();
        }
        String instead = kind.recommendedVersion() == null ? "" : "; use " + kind.group() + "/"
                + kind.recommendedVersion() + " instead";
        return List.of(kind.apiVersion() + " " + kind.kind() + " is deprecated" + instead);
    }
}
