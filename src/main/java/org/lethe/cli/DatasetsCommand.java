package org.lethe.cli;

import picocli.CommandLine.Command;

/** {@code lethe datasets ...}: inspect datasets. */
@Command(name = "datasets",
        mixinStandardHelpOptions = true,
        description = "Inspect datasets (MNIST, Fashion-MNIST, CIFAR-10, image folders).",
        subcommands = {DatasetsInfoCommand.class})
final class DatasetsCommand {
}
