package dev.aso.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code asoctl}: the command-line tool. */
@Command(name = "asoctl", mixinStandardHelpOptions = true, version = "asoctl 0.1.0",
        description = "Import existing Azure resources as manifests and render the install.")
public final class Asoctl implements Runnable {

    public static void main(String[] args) {
        System.exit(new CommandLine(new Asoctl()).execute(args));
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.err);
    }
}
