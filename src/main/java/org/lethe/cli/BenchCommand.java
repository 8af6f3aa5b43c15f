package org.lethe.cli;

import picocli.CommandLine.Command;

/** {@code lethe bench ...}: benchmarks that print machine-readable numbers. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks (see bench/README.md).",
        subcommands = {BenchTrainCommand.class, BenchSoakCommand.class, BenchUiCommand.class})
final class BenchCommand {
}
