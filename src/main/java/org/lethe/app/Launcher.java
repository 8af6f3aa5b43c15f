package org.lethe.app;

import org.lethe.cli.LetheCli;

/**
 * The main class of {@code lethe.jar}. Without arguments it opens the workbench; with arguments
 * it runs a command-line command and exits with its status. It does not extend
 * {@code javafx.application.Application}, so the jar starts with JavaFX on the class path.
 */
public final class Launcher {

    private Launcher() {
    }

    /** Entry point. */
    public static void main(String[] args) {
        if (args.length == 0) {
            LetheApp.launchWorkbench(args);
        } else {
            System.exit(LetheCli.execute(args));
        }
    }
}
