package dev.aso.armemulator.config;

/**
 * How a resource type's writes run. {@code put}/{@code delete}: answer asynchronously (201/202 with
 * Azure-AsyncOperation and Location) or at once. An operation completes when it has been observed
 * {@code polls} times (a poll of its status URL or a GET of the resource) and {@code durationMs}
 * has passed since it started. {@code retryAfterSeconds} goes into the Retry-After header.
 * Null fields mean "inherit".
 */
public record LroPolicy(Boolean put, Boolean delete, Integer polls, Long durationMs, Integer retryAfterSeconds) {
    public static final LroPolicy DEFAULT = new LroPolicy(null, null, 1, 0L, 1);

    /** This policy with the non-null fields of {@code other} replacing its own. */
    public LroPolicy overriddenBy(LroPolicy other) {
        if (other == null) {
            return this;
        }
        return new LroPolicy(other.put != null ? other.put : put, other.delete != null ? other.delete : delete,
                other.polls != null ? other.polls : polls, other.durationMs != null ? other.durationMs : durationMs,
                other.retryAfterSeconds != null ? other.retryAfterSeconds : retryAfterSeconds);
    }
}
