package dev.aso.cli;

/** asoctl's exit codes (docs/asoctl.md). */
public final class ExitCodes {

    /** Everything asked for was done. */
    public static final int OK = 0;
    /** Some resources failed or are unsupported (the rest was written), or the command could not run (ARM unreachable, no credential, unreadable source). */
    public static final int FAILED = 1;
    /** Bad usage: unknown flag, missing argument, malformed ARM id or crd pattern, invalid settings. */
    public static final int USAGE = 2;
    /** {@code plan --detailed-exitcode}: planned, and some request would be sent to ARM. */
    public static final int CHANGES = 3;

    private ExitCodes() {
    }
}
