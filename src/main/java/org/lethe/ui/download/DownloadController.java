package org.lethe.ui.download;

import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TextArea;
import javafx.util.StringConverter;
import org.lethe.engine.data.download.DownloadBundle;
import org.lethe.ui.download.DownloadViewModel.State;

/** Wires the download window's controls to its view model. */
public final class DownloadController {

    private final DownloadViewModel viewModel;
    private final Consumer<String> open;
    private final Runnable close;

    @FXML private ComboBox<DownloadBundle> bundleChoice;
    @FXML private TextArea sourcesText;
    @FXML private Label targetLabel;
    @FXML private ProgressBar progressBar;
    @FXML private Label messageLabel;
    @FXML private Button downloadButton;
    @FXML private Button cancelButton;
    @FXML private Button openButton;
    @FXML private Button closeButton;

    /**
     * @param open loads a downloaded dataset by its bundle name
     * @param close closes the window
     */
    DownloadController(DownloadViewModel viewModel, Consumer<String> open, Runnable close) {
        this.viewModel = viewModel;
        this.open = open;
        this.close = close;
    }

    @FXML
    private void initialize() {
        bundleChoice.setItems(viewModel.bundles());
        bundleChoice.setConverter(new StringConverter<>() {
            @Override
            public String toString(DownloadBundle bundle) {
                return bundle == null ? "" : DownloadViewModel.displayName(bundle);
            }

            @Override
            public DownloadBundle fromString(String text) {
                return viewModel.bundles().stream().filter(b -> toString(b).equals(text)).findFirst().orElse(null);
            }
        });
        bundleChoice.valueProperty().bindBidirectional(viewModel.bundleProperty());
        var running = viewModel.stateProperty().isEqualTo(State.RUNNING);
        bundleChoice.disableProperty().bind(running);
        sourcesText.textProperty().bind(viewModel.sourcesProperty());
        targetLabel.textProperty().bind(viewModel.targetProperty());
        progressBar.progressProperty().bind(viewModel.progressProperty());
        messageLabel.textProperty().bind(viewModel.messageProperty());
        downloadButton.disableProperty().bind(running);
        downloadButton.setOnAction(e -> viewModel.start());
        cancelButton.disableProperty().bind(running.not());
        cancelButton.setOnAction(e -> viewModel.cancel());
        openButton.disableProperty().bind(Bindings.notEqual(State.DONE, viewModel.stateProperty()));
        openButton.setOnAction(e -> {
            open.accept(viewModel.bundleProperty().get().name());
            close.run();
        });
        closeButton.setOnAction(e -> close.run());
    }
}
