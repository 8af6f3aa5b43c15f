package org.lethe.engine.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.lethe.engine.job.JobContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFolderReaderTest {

    private static final JobContext CTX = JobContext.detached();

    @TempDir
    Path dir;

    @Test
    void grayscaleClassFoldersGiveOneChannelAndAnEmptyTestSplit() throws IOException {
        writeGray(dir.resolve("zebra/a.png"), 6, 4, 10);
        writeGray(dir.resolve("apple/b.png"), 6, 4, 20);
        writeGray(dir.resolve("apple/a.png"), 6, 4, 30);
        Files.writeString(dir.resolve("apple/notes.txt"), "not an image");
        Files.createDirectories(dir.resolve(".hidden"));

        ImageDataset ds = ImageFolderReader.read(dir, "fruit", CTX);

        assertThat(ds.format()).isEqualTo(DatasetFormat.IMAGE_FOLDER);
        assertThat(ds.classNames()).containsExactly("apple", "zebra");
        assertThat(ds.shape()).isEqualTo(new ImageShape(1, 4, 6));
        assertThat(ds.train().count()).isEqualTo(3);
        assertThat(ds.test().count()).isZero();
        // class by class, files sorted: apple/a.png, apple/b.png, zebra/a.png
        assertThat(ds.train().label(0)).isZero();
        assertThat(ds.train().label(2)).isEqualTo(1);
        assertThat(ds.train().pixel(0, 0)).isEqualTo(30);
        assertThat(ds.train().pixel(1, 0)).isEqualTo(20);
        assertThat(ds.train().pixel(2, 7)).isEqualTo(10 + 7);
    }

    @Test
    void rgbImagesAreStoredChannelMajor() throws IOException {
        writeRgb(dir.resolve("red/x.png"), 3, 2, 0xC81E0A);
        writeRgb(dir.resolve("blue/x.png"), 3, 2, 0x0000FF);
        ImageDataset ds = ImageFolderReader.read(dir, "rgb", CTX);
        assertThat(ds.shape()).isEqualTo(new ImageShape(3, 2, 3));
        // red/x.png is the second image (blue < red)
        assertThat(ds.train().pixel(1, 0)).isEqualTo(0xC8);
        assertThat(ds.train().pixel(1, 6)).isEqualTo(0x1E);
        assertThat(ds.train().pixel(1, 12)).isEqualTo(0x0A);
        assertThat(ds.train().pixel(0, 12 + 5)).isEqualTo(0xFF);
    }

    @Test
    void mixedGrayAndRgbBecomesThreeChannelsWithGrayCopied() throws IOException {
        writeGray(dir.resolve("a/g.png"), 4, 4, 50);
        writeRgb(dir.resolve("b/c.png"), 4, 4, 0x102030);
        ImageDataset ds = ImageFolderReader.read(dir, "mixed", CTX);
        assertThat(ds.shape().channels()).isEqualTo(3);
        int plane = 16;
        for (int c = 0; c < 3; c++) {
            assertThat(ds.train().pixel(0, c * plane + 3)).isEqualTo(53);
        }
        assertThat(ds.train().pixel(1, plane)).isEqualTo(0x20);
    }

    @Test
    void jpegImagesAreRead() throws IOException {
        BufferedImage img = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 8; x++) {
                img.setRGB(x, y, 0x808080);
            }
        }
        Files.createDirectories(dir.resolve("one"));
        assertThat(ImageIO.write(img, "jpg", dir.resolve("one/p.JPG").toFile())).isTrue();
        ImageDataset ds = ImageFolderReader.read(dir, "jpeg", CTX);
        assertThat(ds.train().count()).isEqualTo(1);
        assertThat(ds.train().pixel(0, 0)).isBetween(0x78, 0x88);
    }

    @Test
    void trainAndTestFoldersGiveTwoSplits() throws IOException {
        for (String split : new String[] {"train", "test"}) {
            writeGray(dir.resolve(split + "/cat/1.png"), 5, 5, 1);
            writeGray(dir.resolve(split + "/dog/1.png"), 5, 5, 2);
        }
        writeGray(dir.resolve("train/dog/2.png"), 5, 5, 3);
        ImageDataset ds = ImageFolderReader.read(dir, "pets", CTX);
        assertThat(ds.classNames()).containsExactly("cat", "dog");
        assertThat(ds.train().count()).isEqualTo(3);
        assertThat(ds.test().count()).isEqualTo(2);
        assertThat(ds.test().countsPerClass(2)).containsExactly(1, 1);
    }

    @Test
    void trainAndTestMustHoldTheSameClasses() throws IOException {
        writeGray(dir.resolve("train/cat/1.png"), 5, 5, 1);
        writeGray(dir.resolve("train/dog/1.png"), 5, 5, 1);
        writeGray(dir.resolve("test/cat/1.png"), 5, 5, 1);
        writeGray(dir.resolve("test/cow/1.png"), 5, 5, 1);
        assertThatThrownBy(() -> ImageFolderReader.read(dir, "x", CTX))
                .isInstanceOf(DatasetFormatException.class)
                .hasMessageContaining("train/ and test/ must hold the same class folders")
                .hasMessageContaining("only in train/: [dog], only in test/: [cow]");
    }

    @Test
    void differentSizeNamesTheFileAndBothSizes() throws IOException {
        writeGray(dir.resolve("a/1.png"), 5, 5, 1);
        writeGray(dir.resolve("b/1.png"), 5, 5, 1);
        writeGray(dir.resolve("b/2.png"), 7, 3, 1);
        assertThatThrownBy(() -> ImageFolderReader.read(dir, "x", CTX))
                .hasMessageContaining(dir.resolve("b/2.png") + ": image is 7x3")
                .hasMessageContaining("the first image 1.png is 5x5");
    }

    @Test
    void unreadableImageIsNamed() throws IOException {
        writeGray(dir.resolve("a/1.png"), 5, 5, 1);
        Files.createDirectories(dir.resolve("b"));
        Files.write(dir.resolve("b/broken.png"), new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        assertThatThrownBy(() -> ImageFolderReader.read(dir, "x", CTX))
                .isInstanceOf(DatasetFormatException.class)
                .hasMessageContaining("broken.png: is not a readable PNG/JPEG image");
    }

    @Test
    void truncatedPngIsNamed() throws IOException {
        writeRgb(dir.resolve("a/1.png"), 16, 16, 0x123456);
        Path cut = dir.resolve("a/2.png");
        writeRgb(cut, 16, 16, 0x654321);
        byte[] bytes = Files.readAllBytes(cut);
        Files.write(cut, java.util.Arrays.copyOf(bytes, 40));
        assertThatThrownBy(() -> ImageFolderReader.read(dir, "x", CTX))
                .hasMessageContaining("2.png: is not a readable PNG/JPEG image");
    }

    @Test
    void classFolderWithoutImagesIsNamed() throws IOException {
        writeGray(dir.resolve("a/1.png"), 5, 5, 1);
        Files.createDirectories(dir.resolve("b"));
        Files.writeString(dir.resolve("b/readme.txt"), "nothing here");
        assertThatThrownBy(() -> ImageFolderReader.read(dir, "x", CTX))
                .hasMessageContaining(dir.resolve("b") + ": class folder holds no images");
    }

    @Test
    void emptyFolderIsRejected() {
        assertThatThrownBy(() -> ImageFolderReader.read(dir, "x", CTX))
                .hasMessageContaining(dir + ": holds no class folders");
    }

    static void writeGray(Path file, int w, int h, int base) throws IOException {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.getRaster().setSample(x, y, 0, (base + y * w + x) & 0xFF);
            }
        }
        write(img, file);
    }

    static void writeRgb(Path file, int w, int h, int rgb) throws IOException {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, rgb);
            }
        }
        write(img, file);
    }

    private static void write(BufferedImage img, Path file) throws IOException {
        Files.createDirectories(file.getParent());
        assertThat(ImageIO.write(img, "png", file.toFile())).isTrue();
    }
}
