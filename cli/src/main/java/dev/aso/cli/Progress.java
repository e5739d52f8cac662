package dev.aso.cli;

import java.io.PrintStream;

/** Progress and warnings on stderr, one line each, so stdout carries only the output (manifests, templates). */
public final class Progress {

    private final PrintStream err;
    private final boolean quiet;

    public Progress(PrintStream err, boolean quiet) {
        this.err = err;
        this.quiet = quiet;
    }

    /** The same stream without the progress lines. */
    public Progress quiet() {
        return new Progress(err, true);
    }

    /** A step of a long run; left out with {@code --quiet}. */
    public synchronized void info(String line) {
        if (!quiet) {
            err.println(line);
        }
    }

    /** A warning or a failure; always printed. */
    public synchronized void warn(String line) {
        err.println(line);
    }
}
