package dev.aso.cli;

import dev.aso.api.meta.KindCatalog;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.Map;

/**
 * {@code asoctl}: import existing Azure resources as manifests, render the install, clean CRDs before an upgrade,
 * plan what the operator would send to ARM, adopt a resource group read-only. Output on stdout, progress and
 * problems on stderr, exit codes in {@link ExitCodes}.
 */
@Command(name = "asoctl", mixinStandardHelpOptions = true, version = "asoctl " + ExportTemplateCommand.VERSION,
        description = "Azure Service Operator (Java) command-line tool.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:some resources failed or are unsupported, or the command could not run", "2:bad usage"})
public final class Asoctl extends CommandGroup {

    @Command(name = "import", description = "Import existing resources as manifests.")
    static final class ImportGroup extends CommandGroup {
        @CommandLine.Mixin
        private HelpOption help;
    }

    @Command(name = "export", description = "Export the install.")
    static final class ExportGroup extends CommandGroup {
        @CommandLine.Mixin
        private HelpOption help;
    }

    @Command(name = "clean", description = "Prepare the cluster for an upgrade.")
    static final class CleanGroup extends CommandGroup {
        @CommandLine.Mixin
        private HelpOption help;
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.out, System.err));
    }

    /** Runs one command line; the exit code is returned, never a stack trace printed (unless ASOCTL_DEBUG is set). */
    public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        Context context = new Context(env, out, new Progress(err, false), KindCatalog.load());
        CommandLine cli = new CommandLine(new Asoctl())
                .addSubcommand(new CommandLine(new ImportGroup()).addSubcommand(new ImportAzureResourceCommand(context)))
                .addSubcommand(new CommandLine(new ExportGroup()).addSubcommand(new ExportTemplateCommand(context)))
                .addSubcommand(new CommandLine(new CleanGroup()).addSubcommand(new CleanCrdsCommand(context)))
                .addSubcommand(new PlanCommand(context))
                .addSubcommand(new AdoptCommand(context));
        cli.setErr(new PrintWriter(err, true));
        cli.setOut(new PrintWriter(out, true));
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof UsageException) {
                err.println("asoctl: " + e.getMessage());
                return ExitCodes.USAGE;
            }
            err.println("asoctl: " + (e instanceof IOException ? "cannot read or write: " : "") + describe(e));
            if (env.containsKey("ASOCTL_DEBUG")) {
                e.printStackTrace(err);
            }
            return ExitCodes.FAILED;
        });
        return cli.execute(args);
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
