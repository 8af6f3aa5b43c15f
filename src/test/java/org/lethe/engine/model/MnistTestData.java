package org.lethe.engine.model;

import java.nio.file.Path;
import org.lethe.engine.data.DatasetLoader;
import org.lethe.engine.data.ImageDataset;
import org.lethe.engine.data.ImageSplit;
import org.lethe.engine.job.JobContext;

/** Real MNIST digits for engine tests: the first {@code n} images of the bundled sample data. */
public final class MnistTestData {

    private static ImageDataset mnist;

    private MnistTestData() {
    }

    private static synchronized ImageDataset mnist() {
        if (mnist == null) {
            mnist = new DatasetLoader().load(Path.of("sample-data/mnist"), JobContext.detached());
        }
        return mnist;
    }

    /** The first {@code n} training images. */
    public static ImageSplit train(int n) {
        return head(mnist().train(), n);
    }

    /** The first {@code n} test images. */
    public static ImageSplit test(int n) {
        return head(mnist().test(), n);
    }

    private static ImageSplit head(ImageSplit split, int n) {
        int count = Math.min(n, split.count());
        int d = split.shape().pixelsPerImage();
        byte[] pixels = new byte[count * d];
        byte[] labels = new byte[count];
        for (int i = 0; i < count; i++) {
            split.copyImage(i, pixels, i * d);
            labels[i] = (byte) split.label(i);
        }
        return new ImageSplit(split.name(), split.shape(), pixels, labels);
    }
}
