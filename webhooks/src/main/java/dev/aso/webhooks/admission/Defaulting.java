package dev.aso.webhooks.admission;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aso.webhooks.metadata.KindVersion;
import dev.aso.webhooks.server.Selection;

import java.util.List;

/**
 * The mutating webhook: defaults on CREATE and UPDATE, the generic ones then the kind's {@link KindDefaulter}, answered
 * as a JSONPatch against the request object. The patch only adds to spec properties this step reads whole
 * ({@link SpecReads#forDefaulting}), so reading no more of the object than those changes nothing in it.
 */
public final class Defaulting implements AdmissionStep {

    private final AdmissionExtensions extensions;

    public Defaulting(AdmissionExtensions extensions) {
        this.extensions = extensions;
    }

    @Override
    public Selection specReads(KindVersion kind) {
        return SpecReads.forDefaulting(kind, extensions.defaulter(kind).map(KindDefaulter::specReads).orElse(java.util.Set.of()));
    }

    @Override
    public AdmissionResponse admit(AdmissionRequest request) {
        if (!request.isCreate() && !request.isUpdate()) {
            return AdmissionResponse.allow(List.of());
        }
        ObjectNode defaulted = request.object().deepCopy();
        Defaulter.apply(request.kind(), defaulted);
        extensions.defaulter(request.kind()).ifPresent(d -> d.apply(request, defaulted));
        return AdmissionResponse.patch(JsonPatchDiff.diff(request.object(), defaulted));
    }
}
