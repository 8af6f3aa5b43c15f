package org.lethe.ui.common;

import java.io.PrintWriter;
import java.io.StringWriter;
import javafx.scene.control.Alert;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.stage.Window;
import org.lethe.engine.LetheException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that shows errors: a clear sentence, what to do, and the technical details
 * folded away. Call on the FX thread.
 */
public class DialogService {

    private static final Logger LOG = LoggerFactory.getLogger(DialogService.class);

    private final Window owner;

    /** A service whose dialogs belong to {@code owner} (may be null). */
    public DialogService(Window owner) {
        this.owner = owner;
    }

    /**
     * Shows an error without blocking the caller.
     *
     * @param what what the user was doing, e.g. "Could not open the dataset"
     * @param error the failure
     */
    public void showError(String what, Throwable error) {
        LOG.warn("{}", what, error);
        Alert alert = new Alert(Alert.AlertType.ERROR);
        alert.initOwner(owner);
        alert.setTitle(Strings.text("app.name"));
        alert.setHeaderText(what);
        alert.setContentText(explain(error));
        alert.getDialogPane().setExpandableContent(details(error));
        alert.getDialogPane().setId("errorDialog");
        alert.show();
    }

    /**
     * Asks a yes/no question and waits for the answer (a modal dialog; the FX thread keeps
     * processing events meanwhile).
     *
     * @param what the question, e.g. "Discard the unsaved session?"
     * @param detail what happens either way
     * @param yes the text of the confirming button
     * @return true when the user confirmed
     */
    public boolean confirm(String what, String detail, String yes) {
        javafx.scene.control.ButtonType ok = new javafx.scene.control.ButtonType(yes,
                javafx.scene.control.ButtonBar.ButtonData.OK_DONE);
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, detail, ok, javafx.scene.control.ButtonType.CANCEL);
        alert.initOwner(owner);
        alert.setTitle(Strings.text("app.name"));
        alert.setHeaderText(what);
        alert.getDialogPane().setId("confirmDialog");
        return alert.showAndWait().filter(ok::equals).isPresent();
    }

    /** The sentence shown for a failure: a domain message as is, anything else with advice. */
    public static String explain(Throwable error) {
        Throwable root = error;
        while (!(root instanceof LetheException) && root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root instanceof LetheException) {
            return root.getMessage();
        }
        return Strings.format("dialog.unexpected", error);
    }

    private static GridPane details(Throwable error) {
        StringWriter trace = new StringWriter();
        error.printStackTrace(new PrintWriter(trace));
        TextArea text = new TextArea(trace.toString());
        text.setEditable(false);
        text.setWrapText(false);
        text.setPrefRowCount(12);
        GridPane.setVgrow(text, Priority.ALWAYS);
        GridPane.setHgrow(text, Priority.ALWAYS);
        GridPane pane = new GridPane();
        pane.add(new Label(Strings.text("dialog.details")), 0, 0);
        pane.add(text, 0, 1);
        return pane;
    }
}
