package dev.aso.cli.plan;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * What the operator would send to ARM for one object of the manifests.
 *
 * @param resource   {@code Kind namespace/name}
 * @param apiVersion the object's Kubernetes apiVersion
 * @param armId      the ARM id it stands for (null when it could not be computed)
 * @param armApiVersion the ARM api-version of the request
 * @param action     what would be done
 * @param reason     why, in words (the error, for {@link Action#ERROR})
 * @param body       the PUT body, secrets shown as {@code <secret>}; null when no PUT
 * @param changes    where the body differs from Azure (every value for a create)
 */
public record PlannedRequest(String resource, String apiVersion, String armId, String armApiVersion, Action action,
                             String reason, JsonNode body, List<BodyDiff.Change> changes) {

    /** What would be done. */
    public enum Action {
        /** Azure matches the spec: the controller's drift check finds nothing to write. */
        NO_CHANGE("no change", null),
        /** Azure has no such resource: PUT. */
        CREATE("create", "PUT"),
        /** Azure differs from the spec (or cannot be compared, secrets): PUT. */
        UPDATE("update", "PUT"),
        /** {@code --delete}: DELETE. */
        DELETE("delete", "DELETE"),
        /** The reconcile-policy forbids the write (skip; detach-on-delete for a delete): no request. */
        NO_REQUEST("no request", null),
        /** The object could not be planned. */
        ERROR("error", null);

        private final String text;
        private final String method;

        Action(String text, String method) {
            this.text = text;
            this.method = method;
        }

        public String text() {
            return text;
        }

        /** The HTTP method sent, null when nothing is. */
        public String method() {
            return method;
        }
    }

    static PlannedRequest error(String resource, String apiVersion, String armId, String reason) {
        return new PlannedRequest(resource, apiVersion, armId, null, Action.ERROR, reason, null, List.of());
    }
}
