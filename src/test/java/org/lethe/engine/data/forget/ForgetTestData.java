package org.lethe.engine.data.forget;

import java.util.ArrayList;
import java.util.List;
import org.lethe.engine.data.DatasetFormat;
import org.lethe.engine.data.ImageDataset;
import org.lethe.engine.data.ImageShape;
import org.lethe.engine.data.ImageSplit;

/** Tiny in-code datasets: 1x4x4 images, label {@code i % 10}, a test split of 50. */
final class ForgetTestData {

    static final ImageShape SHAPE = new ImageShape(1, 4, 4);

    private ForgetTestData() {
    }

    /** {@code trainCount} training images with classes named "0".."9". */
    static ImageDataset digits(int trainCount) {
        List<String> names = new ArrayList<>();
        for (int c = 0; c < 10; c++) {
            names.add(Integer.toString(c));
        }
        return dataset("digits", trainCount, names);
    }

    /** {@code trainCount} training images with word class names. */
    static ImageDataset named(int trainCount) {
        return dataset("tiny-cifar", trainCount, List.of("airplane", "automobile", "bird", "cat", "deer",
                "dog", "frog", "horse", "ship", "truck"));
    }

    private static ImageDataset dataset(String name, int trainCount, List<String> classNames) {
        return new ImageDataset(name, DatasetFormat.IDX, classNames, split("train", trainCount),
                split("test", 50));
    }

    private static ImageSplit split(String name, int count) {
        int per = SHAPE.pixelsPerImage();
        byte[] pixels = new byte[count * per];
        byte[] labels = new byte[count];
        for (int i = 0; i < count; i++) {
            labels[i] = (byte) (i % 10);
            for (int p = 0; p < per; p++) {
                pixels[i * per + p] = (byte) ((i * 31 + p * 7) & 0xFF);
            }
        }
        return new ImageSplit(name, SHAPE, pixels, labels);
    }
}
