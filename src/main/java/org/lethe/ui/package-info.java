/**
 * The JavaFX workbench, in MVVM shape: per screen one FXML file, one thin controller and one view
 * model holding state as JavaFX properties; long work runs as engine jobs in the jobs panel.
 */
package org.lethe.ui;
