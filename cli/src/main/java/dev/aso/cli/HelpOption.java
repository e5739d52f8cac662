package dev.aso.cli;

import picocli.CommandLine.Option;

/** {@code -h/--help} for the subcommands (the version is the root command's: {@code asoctl --version}). */
public final class HelpOption {

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    private boolean help;
}
