package org.lethe.engine.session;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.lethe.engine.data.ImageDataset;
import org.lethe.engine.data.ImageSplit;

/** Writes a dataset as an IDX folder, so that sessions can reference it by path. */
public final class SessionTestData {

    private SessionTestData() {
    }

    /** Writes {@code data} (one channel) into {@code folder} as the four uncompressed IDX files. */
    public static Path writeIdx(ImageDataset data, Path folder) throws IOException {
        Files.createDirectories(folder);
        write(data.train(), folder, "train");
        write(data.test(), folder, "t10k");
        return folder;
    }

    private static void write(ImageSplit split, Path folder, String stem) throws IOException {
        int n = split.count();
        int h = split.shape().height();
        int w = split.shape().width();
        ByteBuffer images = ByteBuffer.allocate(16 + n * h * w);
        images.putInt(0x00000803).putInt(n).putInt(h).putInt(w);
        byte[] pixels = new byte[split.shape().pixelsPerImage()];
        ByteBuffer labels = ByteBuffer.allocate(8 + n);
        labels.putInt(0x00000801).putInt(n);
        for (int i = 0; i < n; i++) {
            split.copyImage(i, pixels, 0);
            images.put(pixels);
            labels.put((byte) split.label(i));
        }
        Files.write(folder.resolve(stem + "-images-idx3-ubyte"), images.array());
        Files.write(folder.resolve(stem + "-labels-idx1-ubyte"), labels.array());
    }
}
