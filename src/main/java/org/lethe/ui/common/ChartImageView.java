package org.lethe.ui.common;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.Region;
import org.jfree.chart.JFreeChart;

/**
 * Shows a chart that another thread draws into an image. A {@code ChartViewer} draws its whole
 * chart on the FX thread into a canvas, which Prism's render thread then rasterises again, so every
 * redraw of a live chart holds up both for tens of milliseconds on a slow machine. This view hands
 * the drawing (building the chart and rasterising it with Java2D) to a <em>drawer</em> thread; the
 * FX thread only copies the finished pixels into an image, and the render thread blits it.
 *
 * <p>{@link #draw} takes a recipe that builds an independent chart (from an immutable copy of the
 * data), since JFreeChart objects must not be shared between threads. Requests that arrive while a
 * drawing runs are folded into the newest; a change of the view's size draws the newest recipe
 * again. The image is a picture: it has no tooltips, zoom or context menu, so use it for charts
 * that change while nobody can interact with them (live training curves) and a {@code ChartViewer}
 * otherwise. Call {@link #draw} and {@link #clear} on the FX thread.
 */
public final class ChartImageView extends Region {

    /** Name of the thread that draws the charts of every view created with {@link #ChartImageView()}. */
    public static final String DRAWER_THREAD = "lethe-chart-drawer";

    private static final Executor SHARED_DRAWER = newDrawer();

    private final Executor drawer;
    private final ImageView imageView = new ImageView();
    private final AtomicReference<Supplier<JFreeChart>> wanted = new AtomicReference<>();
    private final AtomicBoolean drawing = new AtomicBoolean();
    private final AtomicLong drawn = new AtomicLong();
    private Supplier<JFreeChart> newest;
    private WritableImage image;
    private volatile int drawWidth;
    private volatile int drawHeight;
    private volatile double scale = 1;
    /** Bumped by {@link #clear}, so that a drawing still under way is not shown afterwards. */
    private final AtomicLong generation = new AtomicLong();

    /** A view drawn on the shared drawer thread ({@value #DRAWER_THREAD}, a daemon that ends when idle). */
    public ChartImageView() {
        this(SHARED_DRAWER);
    }

    /** A view drawn on {@code drawer}, which runs one task at a time (a single thread). */
    public ChartImageView(Executor drawer) {
        this.drawer = Objects.requireNonNull(drawer, "drawer");
        imageView.setManaged(false);
        imageView.setSmooth(false);
        getChildren().add(imageView);
        getStyleClass().add("chart-image-view");
        setMinSize(0, 0);
        setPrefSize(400, 300);
    }

    private static Executor newDrawer() {
        ThreadPoolExecutor executor = new ThreadPoolExecutor(1, 1, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                r -> {
                    Thread t = new Thread(r, DRAWER_THREAD);
                    t.setDaemon(true);
                    return t;
                });
        executor.allowCoreThreadTimeOut(true);
        return executor;
    }

    /**
     * Draws the chart {@code recipe} builds, at the view's size, on the drawer thread, and shows it
     * when done (FX thread). The recipe runs on the drawer thread and may run more than once (after
     * a resize); it must build a new chart from data that no other thread changes.
     */
    public void draw(Supplier<JFreeChart> recipe) {
        newest = Objects.requireNonNull(recipe, "recipe");
        request();
    }

    /** Forgets the chart and shows nothing (FX thread). */
    public void clear() {
        newest = null;
        wanted.set(null);
        generation.incrementAndGet();
        imageView.setImage(null);
    }

    /** How many images were drawn and shown so far. */
    public long drawnImages() {
        return drawn.get();
    }

    /** The image on screen, or null. */
    public WritableImage image() {
        return (WritableImage) imageView.getImage();
    }

    @Override
    protected void layoutChildren() {
        double s = getScene() != null && getScene().getWindow() != null ? getScene().getWindow().getOutputScaleX() : 1;
        int w = (int) Math.floor(getWidth() * s);
        int h = (int) Math.floor(getHeight() * s);
        imageView.relocate(0, 0);
        imageView.setFitWidth(getWidth());
        imageView.setFitHeight(getHeight());
        if (w != drawWidth || h != drawHeight || s != scale) {
            drawWidth = w;
            drawHeight = h;
            scale = s;
            if (newest != null) {
                request();
            }
        }
    }

    /** FX thread: asks the drawer for the newest recipe, unless a drawing is already under way. */
    private void request() {
        wanted.set(newest);
        if (drawing.compareAndSet(false, true)) {
            startDrawing();
        }
    }

    /** Drawer thread: draws what is wanted now and hands the pixels to the FX thread. */
    private void drawNewest() {
        Supplier<JFreeChart> recipe = wanted.getAndSet(null);
        int w = drawWidth;
        int h = drawHeight;
        double s = scale;
        long gen = generation.get();
        if (recipe == null || w < 1 || h < 1) {
            finishDrawing();
            return;
        }
        int[] pixels;
        try {
            BufferedImage picture = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB_PRE);
            Graphics2D g = picture.createGraphics();
            try {
                g.scale(s, s);
                recipe.get().draw(g, new Rectangle2D.Double(0, 0, w / s, h / s));
            } finally {
                g.dispose();
            }
            pixels = ((DataBufferInt) picture.getRaster().getDataBuffer()).getData();
        } catch (RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(ChartImageView.class).warn("drawing a chart failed", e);
            finishDrawing();
            return;
        }
        Platform.runLater(() -> {
            if (gen == generation.get()) {
                show(pixels, w, h);
            }
            finishDrawing();
        });
    }

    /** Lets the next request start a drawing; draws again at once if one came in meanwhile. */
    private void finishDrawing() {
        drawing.set(false);
        if (wanted.get() != null && drawing.compareAndSet(false, true)) {
            startDrawing();
        }
    }

    private void startDrawing() {
        try {
            drawer.execute(this::drawNewest);
        } catch (java.util.concurrent.RejectedExecutionException stopped) {
            drawing.set(false); // the drawer was shut down: nothing more is drawn
        }
    }

    /** FX thread: copies the pixels into the shown image (the same image while the size stays). */
    private void show(int[] pixels, int w, int h) {
        if (image == null || (int) image.getWidth() != w || (int) image.getHeight() != h) {
            image = new WritableImage(w, h);
        }
        image.getPixelWriter().setPixels(0, 0, w, h, PixelFormat.getIntArgbPreInstance(), pixels, 0, w);
        imageView.setImage(image);
        drawn.incrementAndGet();
    }
}
