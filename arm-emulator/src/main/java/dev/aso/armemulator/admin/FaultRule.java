package dev.aso.armemulator.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A fault to inject. Matching: {@code method} (any when null), {@code resourceType} (the type the
 * path addresses, e.g. "Microsoft.Cache/redis"; any when null), {@code pathContains} (a substring
 * of the path, case-insensitive). The first {@code skip} matching calls pass, the next {@code count}
 * get the fault (all of them when null). Effects: {@code delayMs} (answer late), {@code dropConnection}
 * (close without answering), {@code status} (429, 500, 503, ... with {@code code}, {@code message} and
 * {@code retryAfterSeconds}), {@code failOperation} (the long-running operation the call starts ends
 * Failed with this error, {"code", "message"}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FaultRule(String id, String method, String resourceType, String pathContains, Integer skip, Integer count,
                        Long delayMs, Boolean dropConnection, Integer status, String code, String message,
                        Integer retryAfterSeconds, ObjectNode failOperation) {

    /** This rule with an id (when it has none). */
    public FaultRule withId(String newId) {
        return new FaultRule(id != null ? id : newId, method, resourceType, pathContains, skip, count, delayMs, dropConnection,
                status, code, message, retryAfterSeconds, failOperation);
    }

    public void validate() {
        if (status == null && delayMs == null && !Boolean.TRUE.equals(dropConnection) && failOperation == null) {
            throw new IllegalArgumentException("fault " + id + " has no effect: set status, delayMs, dropConnection or failOperation");
        }
        if (status != null && (status < 400 || status > 599)) {
            throw new IllegalArgumentException("fault " + id + ": status must be an HTTP error status (400-599), was " + status);
        }
        if (failOperation != null && (!failOperation.hasNonNull("code") || !failOperation.hasNonNull("message"))) {
            throw new IllegalArgumentException("fault " + id + ": failOperation must have a code and a message");
        }
    }
}
