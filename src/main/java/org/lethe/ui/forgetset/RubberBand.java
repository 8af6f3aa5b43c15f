package org.lethe.ui.forgetset;

import java.util.BitSet;
import java.util.List;
import javafx.animation.AnimationTimer;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.control.IndexedCell;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.Pane;
import javafx.scene.shape.Rectangle;
import org.controlsfx.control.GridView;

/**
 * Rubber-band selection in the virtualised thumbnail grid. Dragging from a thumbnail (or the gaps
 * between them) selects every image in the rectangle of grid positions between where the drag
 * started and where the pointer is, replacing the selection; with Ctrl (Cmd on macOS) the band
 * adds to the selection, or removes from it when the drag starts on a selected image. Dragging past
 * the top or bottom edge scrolls, and the band keeps growing over rows that were never on screen.
 * Esc during the drag restores the selection. The whole drag is one undoable change.
 *
 * <p>The band works on positions (row, column) in the grid's list, never on pixels of cells that
 * may not exist, so its cost is that of the rectangle, whatever the dataset's size.
 */
public final class RubberBand {

    /** Pixels the pointer must move before a press becomes a drag (smaller moves stay clicks). */
    static final double THRESHOLD = 5;
    /** Auto-scroll speed: pixels per second for each pixel the pointer is beyond the edge. */
    private static final double SCROLL_GAIN = 20;
    private static final double MIN_SCROLL_SPEED = 120;
    private static final double MAX_SCROLL_SPEED = 4000;

    private final GridView<Integer> grid;
    private final Pane layer;
    private final ForgetSelection selection;
    private final Rectangle band = new Rectangle();
    private final AnimationTimer autoScroll;

    private boolean armed;
    private boolean dragging;
    private boolean suppressClick;
    private boolean adding;
    private boolean additive;
    private int anchor = -1;
    private double pressX;
    private double pressY;
    private double lastX;
    private double lastY;
    private double scrolled;
    private long lastFrameNanos;
    private BitSet base;

    private RubberBand(GridView<Integer> grid, Pane layer, ForgetSelection selection) {
        this.grid = grid;
        this.layer = layer;
        this.selection = selection;
        band.getStyleClass().add("rubber-band");
        band.setManaged(false);
        band.setVisible(false);
        band.setMouseTransparent(true);
        layer.setMouseTransparent(true);
        layer.getChildren().add(band);
        autoScroll = new AnimationTimer() {
            @Override
            public void handle(long now) {
                double seconds = lastFrameNanos == 0 ? 0 : Math.min(0.25, (now - lastFrameNanos) / 1e9);
                lastFrameNanos = now;
                scrollTowardsPointer(seconds);
            }
        };
        grid.addEventFilter(MouseEvent.MOUSE_PRESSED, this::pressed);
        grid.addEventFilter(MouseEvent.MOUSE_DRAGGED, this::dragged);
        grid.addEventFilter(MouseEvent.MOUSE_RELEASED, this::released);
        grid.addEventFilter(MouseEvent.MOUSE_CLICKED, e -> {
            if (suppressClick) {
                suppressClick = false;
                e.consume();
            }
        });
        grid.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (dragging && e.getCode() == KeyCode.ESCAPE) {
                stop();
                selection.cancelGesture();
                e.consume();
            }
        });
    }

    /**
     * Installs the band on {@code grid}, drawing it on {@code layer} (a pane laid over the grid,
     * made mouse-transparent here), changing {@code selection}.
     */
    public static RubberBand install(GridView<Integer> grid, Pane layer, ForgetSelection selection) {
        return new RubberBand(grid, layer, selection);
    }

    /** Whether a drag is in progress. */
    public boolean isDragging() {
        return dragging;
    }

    private void pressed(MouseEvent e) {
        armed = false;
        suppressClick = false;
        if (e.getButton() != MouseButton.PRIMARY || onScrollBar(e.getPickResult().getIntersectedNode())) {
            return;
        }
        Point2D p = grid.sceneToLocal(e.getSceneX(), e.getSceneY());
        anchor = positionAt(p.getX(), p.getY());
        if (anchor < 0) {
            return;
        }
        armed = true;
        pressX = p.getX();
        pressY = p.getY();
        additive = e.isShortcutDown();
        List<Integer> items = grid.getItems();
        adding = !(additive && selection.isSelected(items.get(anchor)));
    }

    private void dragged(MouseEvent e) {
        if (!armed) {
            return;
        }
        Point2D p = grid.sceneToLocal(e.getSceneX(), e.getSceneY());
        lastX = p.getX();
        lastY = p.getY();
        if (!dragging) {
            if (Math.hypot(lastX - pressX, lastY - pressY) < THRESHOLD) {
                return;
            }
            dragging = true;
            scrolled = 0;
            selection.beginGesture();
            base = additive ? selection.gestureBase() : new BitSet();
            band.setVisible(true);
            lastFrameNanos = 0;
            autoScroll.start();
            grid.requestFocus();
        }
        e.consume();
        update();
    }

    private void released(MouseEvent e) {
        armed = false;
        if (!dragging) {
            return;
        }
        Point2D p = grid.sceneToLocal(e.getSceneX(), e.getSceneY());
        lastX = p.getX();
        lastY = p.getY();
        update();
        stop();
        selection.endGesture();
        suppressClick = true;
        e.consume();
    }

    private void stop() {
        dragging = false;
        armed = false;
        autoScroll.stop();
        band.setVisible(false);
        base = null;
    }

    /** Selects the rectangle between the anchor and the pointer's position, and redraws the band. */
    private void update() {
        int current = positionAt(lastX, lastY);
        List<Integer> items = grid.getItems();
        if (current >= 0 && anchor < items.size()) {
            int columns = columns();
            int rowFrom = Math.min(anchor, current) / columns;
            int rowTo = Math.max(anchor, current) / columns;
            int colFrom = Math.min(anchor % columns, current % columns);
            int colTo = Math.max(anchor % columns, current % columns);
            BitSet next = (BitSet) base.clone();
            for (int row = rowFrom; row <= rowTo; row++) {
                int first = row * columns + colFrom;
                int last = Math.min(row * columns + colTo, items.size() - 1);
                for (int position = first; position <= last; position++) {
                    next.set(items.get(position), adding);
                }
            }
            selection.preview(next);
        }
        drawBand();
    }

    private void drawBand() {
        Point2D from = layer.sceneToLocal(grid.localToScene(pressX, pressY - scrolled));
        Point2D to = layer.sceneToLocal(grid.localToScene(lastX, lastY));
        double width = layer.getWidth();
        double height = layer.getHeight();
        double x0 = clamp(Math.min(from.getX(), to.getX()), 0, width);
        double x1 = clamp(Math.max(from.getX(), to.getX()), 0, width);
        double y0 = clamp(Math.min(from.getY(), to.getY()), 0, height);
        double y1 = clamp(Math.max(from.getY(), to.getY()), 0, height);
        band.setX(x0);
        band.setY(y0);
        band.setWidth(x1 - x0);
        band.setHeight(y1 - y0);
    }

    private void scrollTowardsPointer(double seconds) {
        if (!dragging) {
            return;
        }
        double height = grid.getHeight();
        double beyond = lastY < 0 ? lastY : lastY > height ? lastY - height : 0;
        if (beyond == 0 || seconds <= 0) {
            return;
        }
        VirtualFlow<?> flow = flow();
        if (flow == null) {
            return;
        }
        double speed = Math.min(MAX_SCROLL_SPEED, Math.max(MIN_SCROLL_SPEED, Math.abs(beyond) * SCROLL_GAIN));
        double moved = flow.scrollPixels(Math.signum(beyond) * speed * seconds);
        if (moved != 0) {
            scrolled += moved;
            grid.layout();
            update();
        }
    }

    /**
     * The grid position (index into the grid's items) of the thumbnail under ({@code x}, {@code y})
     * in grid coordinates, or of the nearest one on screen; -1 when no thumbnail is shown.
     */
    int positionAt(double x, double y) {
        int items = grid.getItems().size();
        int best = -1;
        double bestDistance = Double.POSITIVE_INFINITY;
        for (Node node : grid.lookupAll(".thumbnail-cell")) {
            if (!(node instanceof IndexedCell<?> cell) || cell.isEmpty() || cell.getIndex() < 0
                    || cell.getIndex() >= items || !showing(cell)) {
                continue;
            }
            Bounds b = grid.sceneToLocal(cell.localToScene(cell.getBoundsInLocal()));
            double dx = x < b.getMinX() ? b.getMinX() - x : x > b.getMaxX() ? x - b.getMaxX() : 0;
            double dy = y < b.getMinY() ? b.getMinY() - y : y > b.getMaxY() ? y - b.getMaxY() : 0;
            double distance = dx * dx + dy * dy;
            if (distance < bestDistance || distance == bestDistance && cell.getIndex() < best) {
                bestDistance = distance;
                best = cell.getIndex();
            }
        }
        return best;
    }

    /** Thumbnails per row, as the grid lays them out. */
    int columns() {
        if (grid.getSkin() instanceof impl.org.controlsfx.skin.GridViewSkin<?> skin) {
            return Math.max(1, skin.computeMaxCellsInRow());
        }
        return 1;
    }

    private VirtualFlow<?> flow() {
        return grid.lookup(".virtual-flow") instanceof VirtualFlow<?> flow ? flow : null;
    }

    private boolean onScrollBar(Node node) {
        for (Node n = node; n != null && n != grid; n = n.getParent()) {
            if (n instanceof ScrollBar) {
                return true;
            }
        }
        return false;
    }

    private static boolean showing(Node node) {
        for (Node n = node; n != null; n = n.getParent()) {
            if (!n.isVisible()) {
                return false;
            }
        }
        return true;
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }
}
