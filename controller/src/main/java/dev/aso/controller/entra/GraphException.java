package dev.aso.controller.entra;

/**
 * A Microsoft Graph call that failed: the HTTP status (0 when no answer came), Graph's error code, and a
 * {@link #reason()} for the Ready condition.
 */
public final class GraphException extends RuntimeException {

    private final int status;
    private final String code;
    private final String reason;

    public GraphException(int status, String code, String reason, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.reason = reason;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    /**
     * {@code GraphUnreachable}, {@code GraphUnauthorized} (401: the credential), {@code GraphForbidden} (403: the
     * identity lacks Group.ReadWrite.All), {@code GraphBadRequest}, {@code GraphThrottled}, {@code GraphServerError},
     * or one of {@link SecurityGroups}' own: {@code GroupNotFound}, {@code AmbiguousAdoption}, {@code InvalidSpec}.
     */
    public String reason() {
        return reason;
    }

    static String reasonOf(int status) {
        return switch (status) {
            case 0 -> "GraphUnreachable";
            case 401 -> "GraphUnauthorized";
            case 403 -> "GraphForbidden";
            case 429 -> "GraphThrottled";
            default -> status >= 500 ? "GraphServerError" : "GraphBadRequest";
        };
    }
}
