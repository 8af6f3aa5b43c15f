package org.lethe.app;

import javafx.application.Application;
import javafx.stage.Stage;
import org.lethe.ui.main.MainWindow;

/**
 * The JavaFX application: builds the services, opens the main window on the sample MNIST, and
 * releases the services on exit.
 */
public final class LetheApp extends Application {

    private AppServices services;

    /** Starts the JavaFX runtime and opens the workbench; returns when the window closes. */
    public static void launchWorkbench(String[] args) {
        Application.launch(LetheApp.class, args);
    }

    @Override
    public void start(Stage stage) {
        services = AppServices.create();
        MainWindow.open(stage, services.ui(), MainWindow.DEFAULT_DATASET);
    }

    @Override
    public void stop() {
        if (services != null) {
            services.close();
        }
    }
}
