package org.lethe.ui.common;

import java.util.LinkedHashMap;
import java.util.Map;
import javafx.scene.image.Image;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import org.lethe.engine.data.ImageShape;
import org.lethe.engine.data.ImageSplit;

/**
 * Turns stored images into JavaFX images, keeping the most recently used ones. Grid cells are
 * recycled while scrolling, so only what is on screen (and a little more) is ever rendered.
 * Use on the FX thread.
 */
public final class ThumbnailRenderer {

    private final int capacity;
    private final Map<Key, Image> cache;

    private record Key(ImageSplit split, int index) { }

    /** A renderer that keeps up to {@code capacity} images. */
    public ThumbnailRenderer(int capacity) {
        this.capacity = capacity;
        this.cache = new LinkedHashMap<>(capacity, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, Image> eldest) {
                return size() > ThumbnailRenderer.this.capacity;
            }
        };
    }

    /** The image of sample {@code index} of {@code split}, at its natural size. */
    public Image render(ImageSplit split, int index) {
        return cache.computeIfAbsent(new Key(split, index), k -> draw(split, index));
    }

    private static Image draw(ImageSplit split, int index) {
        ImageShape shape = split.shape();
        int w = shape.width();
        int h = shape.height();
        int plane = w * h;
        byte[] raw = new byte[shape.pixelsPerImage()];
        split.copyImage(index, raw, 0);
        byte[] rgb = new byte[plane * 3];
        for (int p = 0; p < plane; p++) {
            if (shape.channels() == 1) {
                rgb[3 * p] = raw[p];
                rgb[3 * p + 1] = raw[p];
                rgb[3 * p + 2] = raw[p];
            } else {
                rgb[3 * p] = raw[p];
                rgb[3 * p + 1] = raw[plane + p];
                rgb[3 * p + 2] = raw[2 * plane + p];
            }
        }
        WritableImage image = new WritableImage(w, h);
        image.getPixelWriter().setPixels(0, 0, w, h, PixelFormat.getByteRgbInstance(), rgb, 0, w * 3);
        return image;
    }
}
