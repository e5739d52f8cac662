package dev.aso.webhooks.admission;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/** The mutating webhook: defaults on CREATE and UPDATE, answered as a JSONPatch against the raw request object. */
public final class Defaulting implements AdmissionStep {

    @Override
    public AdmissionResponse admit(AdmissionRequest request) {
        if (!request.isCreate() && !request.isUpdate()) {
            return AdmissionResponse.allow(List.of());
        }
        ObjectNode defaulted = request.object().deepCopy();
        Defaulter.apply(request.kind(), defaulted);
        return AdmissionResponse.patch(JsonPatchDiff.diff(request.object(), defaulted));
    }
}
