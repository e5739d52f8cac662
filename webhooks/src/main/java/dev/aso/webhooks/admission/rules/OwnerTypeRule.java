package dev.aso.webhooks.admission.rules;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.aso.webhooks.admission.AdmissionRequest;
import dev.aso.webhooks.admission.FieldErrors;
import dev.aso.webhooks.admission.SpecWalker;
import dev.aso.webhooks.admission.ValidationRule;
import dev.aso.webhooks.metadata.ArmResourceType;

import java.util.Optional;

/** An {@code owner.armId} must be the id of a resource of the owner type the kind's CRD declares. */
public final class OwnerTypeRule implements ValidationRule {

    @Override
    public void check(AdmissionRequest request, FieldErrors errors) {
        String expected = request.kind().ownerArmType();
        String armId = expected == null ? null : SpecWalker.text(request.spec().path("owner"), "armId");
        if (armId == null) {
            return;
        }
        Optional<String> actual = ArmResourceType.of(armId);
        if (actual.isPresent() && !actual.get().equalsIgnoreCase(expected)) {
            errors.invalid("spec.owner.armId", TextNode.valueOf(armId), "must be the id of a " + expected
                    + " (the owner of a " + request.kind().kind() + "), not of a " + actual.get());
        }
    }
}
