package org.lethe.engine.model;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.lethe.engine.data.ImageShape;
import org.lethe.engine.data.ImageSplit;

/**
 * A minimal IDX reader for tests: the first {@code n} images of the MNIST files in sample-data (the
 * real reader lives elsewhere).
 */
public final class MnistTestData {

    private MnistTestData() {
    }

    /** The first {@code n} training images. */
    public static ImageSplit train(int n) {
        return read("train", "sample-data/mnist/train-images-idx3-ubyte.gz", "sample-data/mnist/train-labels-idx1-ubyte.gz", n);
    }

    /** The first {@code n} test images. */
    public static ImageSplit test(int n) {
        return read("test", "sample-data/mnist/t10k-images-idx3-ubyte.gz", "sample-data/mnist/t10k-labels-idx1-ubyte.gz", n);
    }

    private static ImageSplit read(String name, String images, String labels, int n) {
        try (DataInputStream im = open(images); DataInputStream lb = open(labels)) {
            if (im.readInt() != 0x803 || lb.readInt() != 0x801) {
                throw new IOException("bad IDX magic");
            }
            int count = Math.min(n, im.readInt());
            lb.readInt();
            int h = im.readInt();
            int w = im.readInt();
            byte[] pixels = new byte[count * h * w];
            im.readFully(pixels);
            byte[] labs = new byte[count];
            lb.readFully(labs);
            return new ImageSplit(name, new ImageShape(1, h, w), pixels, labs);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read MNIST sample data: " + e.getMessage(), e);
        }
    }

    private static DataInputStream open(String path) throws IOException {
        InputStream in = Files.newInputStream(Path.of(path));
        return new DataInputStream(new java.io.BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16));
    }
}
