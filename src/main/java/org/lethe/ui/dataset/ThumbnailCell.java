package org.lethe.ui.dataset;

import java.util.function.IntConsumer;
import java.util.function.Supplier;
import javafx.geometry.Pos;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.StackPane;
import org.controlsfx.control.GridCell;
import org.lethe.engine.data.ImageDataset;
import org.lethe.ui.common.ThumbnailRenderer;
import org.lethe.ui.forgetset.ForgetSelection;
import org.lethe.ui.common.Strings;

/** A grid cell showing one training image, scaled without smoothing, with its class in a corner. */
public final class ThumbnailCell extends GridCell<Integer> {

    private static final String SELECTED = "forget-selected";

    private final Supplier<ImageDataset> dataset;
    private final ForgetSelection selection;
    private final ThumbnailRenderer renderer;
    private final IntConsumer inspect;
    private final ImageView image = new ImageView();
    private final Label classBadge = new Label();
    private final StackPane content = new StackPane(image, classBadge);
    /** One tooltip per cell, its text changed on reuse: a new Tooltip per update stalled scrolling and loading. */
    private final Tooltip tooltip = new Tooltip();
    /** Whether the last single click changed the selection (a double-click takes that back). */
    private boolean firstClickChanged;

    /**
     * A cell drawing from whatever dataset {@code dataset} returns; clicks change {@code selection}
     * (click: only this image, ctrl-click: toggle, shift-click: range over {@code shown}).
     */
    public ThumbnailCell(Supplier<ImageDataset> dataset, ThumbnailRenderer renderer, double size,
            ForgetSelection selection, java.util.List<Integer> shown) {
        this(dataset, renderer, size, selection, shown, null);
    }

    /**
     * As above, and a double-click or the "Inspect" context-menu item hands the image's index to
     * {@code inspect} (null: neither). A double-click leaves the selection as it was before it: the
     * change its first click made is undone.
     */
    public ThumbnailCell(Supplier<ImageDataset> dataset, ThumbnailRenderer renderer, double size,
            ForgetSelection selection, java.util.List<Integer> shown, IntConsumer inspect) {
        this.dataset = dataset;
        this.selection = selection;
        this.renderer = renderer;
        this.inspect = inspect;
        getStyleClass().add("thumbnail-cell");
        image.setSmooth(false);
        image.setPreserveRatio(true);
        image.setFitWidth(size);
        image.setFitHeight(size);
        classBadge.getStyleClass().add("class-badge");
        StackPane.setAlignment(classBadge, Pos.BOTTOM_RIGHT);
        selection.versionProperty().addListener((obs, old, now) -> markSelection());
        setOnMouseClicked(e -> {
            Integer index = getItem();
            if (index == null || isEmpty() || e.getButton() != MouseButton.PRIMARY) {
                return;
            }
            if (inspect != null && e.getClickCount() >= 2) {
                if (e.getClickCount() == 2 && firstClickChanged) {
                    selection.undo();
                }
                firstClickChanged = false;
                inspect.accept(index);
                return;
            }
            int before = selection.versionProperty().get();
            if (e.isShiftDown()) {
                selection.extendTo(index, shown);
            } else if (e.isShortcutDown()) {
                selection.toggle(index);
            } else {
                selection.selectOnly(index);
            }
            firstClickChanged = selection.versionProperty().get() != before;
        });
        if (inspect != null) {
            MenuItem item = new MenuItem(Strings.text("dataset.inspect"));
            item.setOnAction(e -> {
                if (getItem() != null && !isEmpty()) {
                    inspect.accept(getItem());
                }
            });
            setContextMenu(new ContextMenu(item));
        }
    }

    private void markSelection() {
        Integer index = getItem();
        boolean on = index != null && !isEmpty() && selection.isSelected(index);
        if (on && !getStyleClass().contains(SELECTED)) {
            getStyleClass().add(SELECTED);
        } else if (!on) {
            getStyleClass().remove(SELECTED);
        }
    }

    @Override
    protected void updateItem(Integer index, boolean empty) {
        super.updateItem(index, empty);
        ImageDataset data = dataset.get();
        if (empty || index == null || data == null) {
            getStyleClass().remove(SELECTED);
            setGraphic(null);
            setTooltip(null);
            setUserData(null);
            return;
        }
        int label = data.train().label(index);
        image.setImage(renderer.render(data.train(), index));
        classBadge.setText(data.classNames().get(label));
        setUserData(label);
        tooltip.setText(Strings.format(inspect == null ? "dataset.thumbnail" : "dataset.thumbnail.inspect", index,
                data.classNames().get(label)));
        if (getTooltip() != tooltip) {
            setTooltip(tooltip);
        }
        setGraphic(content);
        markSelection();
    }
}
