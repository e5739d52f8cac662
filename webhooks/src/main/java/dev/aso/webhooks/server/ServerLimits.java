package dev.aso.webhooks.server;

import java.time.Duration;
import java.util.List;

/**
 * How much of the webhook server clients may hold, so that slow or hostile ones cannot exhaust it (with
 * {@code failurePolicy: Fail}, a webhook server that runs out of memory or connections stops every write of an ASO
 * resource in the cluster). Each is a setting; see docs/webhooks.md.
 *
 * @param idleTimeout          a connection that reads and writes nothing for this long is closed
 *                             ({@code --idle-timeout}, default 120s: longer than kube-apiserver keeps an idle
 *                             connection, 90 s, so that it is the apiserver that closes its own)
 * @param bodyTimeout          a request whose body has not all arrived this long after its headers is abandoned: its
 *                             HTTP/1.1 connection is closed, its HTTP/2 stream reset ({@code --body-timeout}, 10s, the
 *                             webhook configurations' timeoutSeconds: by then the apiserver has given up)
 * @param maxConnections       HTTPS connections open at once, all event loops together; one more is closed as soon as
 *                             it is accepted ({@code --max-connections}, 1000)
 * @param maxConcurrentStreams HTTP/2 streams one connection may have open at once, announced in its SETTINGS; one more
 *                             is refused with REFUSED_STREAM ({@code --max-concurrent-streams}, 250)
 * @param maxBodyBytesInFlight bytes of request bodies held at once, all requests together, from their first byte to
 *                             their answer; a request whose body would pass it is answered 503
 *                             ({@code --max-body-bytes-in-flight}, 64Mi; at least the largest body, 7Mi)
 */
public record ServerLimits(Duration idleTimeout, Duration bodyTimeout, int maxConnections, long maxConcurrentStreams,
                           long maxBodyBytesInFlight) {

    public static final ServerLimits DEFAULTS = new ServerLimits(Duration.ofSeconds(120), Duration.ofSeconds(10), 1000,
            250, 64L << 20);
    /** HTTP/2's largest SETTINGS_MAX_CONCURRENT_STREAMS. */
    private static final long MAX_STREAMS = 0xFFFF_FFFFL;
    static final List<String> FLAGS = List.of("idle-timeout", "body-timeout", "max-connections",
            "max-concurrent-streams", "max-body-bytes-in-flight");

    public ServerLimits {
        check(idleTimeout.toMillis() > 0, "idle-timeout", "longer than 0", idleTimeout.toMillis() + "ms");
        check(bodyTimeout.toMillis() > 0, "body-timeout", "longer than 0", bodyTimeout.toMillis() + "ms");
        check(maxConnections >= 1, "max-connections", "at least 1", Integer.toString(maxConnections));
        check(maxConcurrentStreams >= 1 && maxConcurrentStreams <= MAX_STREAMS, "max-concurrent-streams",
                "between 1 and " + MAX_STREAMS, Long.toString(maxConcurrentStreams));
        check(maxBodyBytesInFlight >= WebhookRequestHandler.MAX_BODY_BYTES, "max-body-bytes-in-flight", "at least "
                + WebhookRequestHandler.MAX_BODY_BYTES + " (7Mi, the largest body, which would never be served otherwise)",
                Long.toString(maxBodyBytesInFlight));
    }

    static ServerLimits read(SettingSource settings) {
        return new ServerLimits(
                settings.duration("idle-timeout", DEFAULTS.idleTimeout.toSeconds() + "s"),
                settings.duration("body-timeout", DEFAULTS.bodyTimeout.toSeconds() + "s"),
                (int) Math.min(Integer.MAX_VALUE, settings.count("max-connections", DEFAULTS.maxConnections)),
                settings.count("max-concurrent-streams", DEFAULTS.maxConcurrentStreams),
                settings.bytes("max-body-bytes-in-flight", DEFAULTS.maxBodyBytesInFlight + ""));
    }

    private static void check(boolean ok, String flag, String expected, String got) {
        if (!ok) {
            throw new IllegalArgumentException("--" + flag + " must be " + expected + ", got " + got);
        }
    }
}
