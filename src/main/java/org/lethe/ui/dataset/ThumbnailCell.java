package org.lethe.ui.dataset;

import java.util.function.Supplier;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.layout.StackPane;
import org.controlsfx.control.GridCell;
import org.lethe.engine.data.ImageDataset;
import org.lethe.ui.common.ThumbnailRenderer;

/** A grid cell showing one training image, scaled without smoothing, with its class in a corner. */
public final class ThumbnailCell extends GridCell<Integer> {

    private final Supplier<ImageDataset> dataset;
    private final ThumbnailRenderer renderer;
    private final ImageView image = new ImageView();
    private final Label classBadge = new Label();
    private final StackPane content = new StackPane(image, classBadge);

    /** A cell drawing from whatever dataset {@code dataset} returns. */
    public ThumbnailCell(Supplier<ImageDataset> dataset, ThumbnailRenderer renderer, double size) {
        this.dataset = dataset;
        this.renderer = renderer;
        getStyleClass().add("thumbnail-cell");
        image.setSmooth(false);
        image.setPreserveRatio(true);
        image.setFitWidth(size);
        image.setFitHeight(size);
        classBadge.getStyleClass().add("class-badge");
        StackPane.setAlignment(classBadge, Pos.BOTTOM_RIGHT);
    }

    @Override
    protected void updateItem(Integer index, boolean empty) {
        super.updateItem(index, empty);
        ImageDataset data = dataset.get();
        if (empty || index == null || data == null) {
            setGraphic(null);
            setTooltip(null);
            setUserData(null);
            return;
        }
        int label = data.train().label(index);
        image.setImage(renderer.render(data.train(), index));
        classBadge.setText(data.classNames().get(label));
        setUserData(label);
        setTooltip(new Tooltip("#" + index + "  " + data.classNames().get(label)));
        setGraphic(content);
    }
}
