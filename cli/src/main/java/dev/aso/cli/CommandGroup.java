package dev.aso.cli;

import picocli.CommandLine;

/** A command that only groups subcommands: run alone, it is a usage error naming them. */
abstract class CommandGroup implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is needed: "
                + String.join(", ", spec.subcommands().keySet()));
    }
}
