package dev.aso.webhooks.admission;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Set;

/** A kind's own admission defaults, applied after the generic ones ({@link Defaulter}) on CREATE and UPDATE. */
public interface KindDefaulter {

    /** The top-level spec properties it reads or sets: the webhook server keeps them when it parses a request. */
    Set<String> specReads();

    /** Sets the kind's defaults on {@code object} (the request's object, already defaulted generically) in place. */
    void apply(AdmissionRequest request, ObjectNode object);
}
