package dev.aso.controller.dbusers;

import java.time.Duration;

/** How long connecting (TCP, TLS and login) and each statement may take; both bounded. */
public record DbTimeouts(Duration connect, Duration statement) {

    private static final Duration MAX = Duration.ofMinutes(5);
    public static final DbTimeouts DEFAULT = new DbTimeouts(Duration.ofSeconds(15), Duration.ofSeconds(30));

    public DbTimeouts {
        check("connect", connect);
        check("statement", statement);
    }

    /** The bound on a read from the server: a statement's time plus a margin for the answer. */
    public Duration socket() {
        return statement.plus(connect);
    }

    public int connectSeconds() {
        return (int) Math.max(1, connect.toSeconds());
    }

    public int statementSeconds() {
        return (int) Math.max(1, statement.toSeconds());
    }

    private static void check(String what, Duration d) {
        if (d == null || d.isNegative() || d.isZero() || d.compareTo(MAX) > 0) {
            throw new IllegalArgumentException("the " + what + " timeout must be between 1 s and " + MAX + ", not " + d);
        }
    }
}
