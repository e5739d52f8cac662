package dev.aso.webhooks.admission;

import java.util.Set;

/** A kind's own admission checks, run after the generic rules on CREATE and UPDATE. */
public interface KindValidator extends ValidationRule {

    /** The top-level spec properties it reads: the webhook server keeps them when it parses a request. */
    Set<String> specReads();
}
