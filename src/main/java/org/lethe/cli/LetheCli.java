package org.lethe.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import org.lethe.engine.LetheException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The top-level {@code lethe} command. Exit status: 0 on success, 2 on bad input (an unknown
 * option, a malformed file, an invalid spec: one line on stderr), 1 on an unexpected failure.
 */
@Command(name = "lethe",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Machine-unlearning workbench: datasets, training, unlearning and evaluation.",
        subcommands = {DatasetsCommand.class, TrainCommand.class, UnlearnCommand.class, MethodsCommand.class,
                RunCommand.class, SisaCommand.class, AmnesiacCommand.class, DeltaGradCommand.class,
                UnlearnableCommand.class,
                BenchCommand.class})
public final class LetheCli {

    /** Exit status for bad input. */
    public static final int EXIT_BAD_INPUT = 2;
    /** Exit status for unexpected failures. */
    public static final int EXIT_FAILURE = 1;

    private LetheCli() {
    }

    /**
     * Runs a command line with the process's standard streams and returns the exit status. Only the
     * command's own output reaches stdout: anything a library prints there (SameDiff announces every
     * gradient op it builds with {@code System.out.println}) is sent to stderr, so JSON output stays
     * parseable.
     */
    public static int execute(String... args) {
        return execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    /**
     * Runs a command line with the given streams (tests capture them) and returns the exit status;
     * while it runs, {@code System.out} is pointed at {@code System.err}.
     */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        PrintStream stdout = System.out;
        System.setOut(System.err);
        try {
            return run(out, err, args);
        } finally {
            System.setOut(stdout);
        }
    }

    private static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new LetheCli());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof LetheException) {
                err.println("error: " + ex.getMessage());
                return EXIT_BAD_INPUT;
            }
            err.println("internal error: " + ex);
            ex.printStackTrace(err);
            return EXIT_FAILURE;
        });
        cli.setParameterExceptionHandler((ex, args1) -> {
            err.println("error: " + ex.getMessage() + " (see 'lethe "
                    + ex.getCommandLine().getCommandName() + " --help')");
            return EXIT_BAD_INPUT;
        });
        int status = cli.execute(args);
        out.flush();
        err.flush();
        return status;
    }
}
