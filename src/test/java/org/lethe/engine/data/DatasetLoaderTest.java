package org.lethe.engine.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.lethe.engine.data.DataTestFiles.CIFAR_SUBSET;
import static org.lethe.engine.data.DataTestFiles.MNIST;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.lethe.engine.job.CancellationToken;
import org.lethe.engine.job.JobCancelledException;
import org.lethe.engine.job.JobContext;
import org.lethe.engine.job.ProgressListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetLoaderTest {

    private final DatasetLoader loader = new DatasetLoader();

    @TempDir
    Path dir;

    @Test
    void detectsEachFormat() throws IOException {
        assertThat(DatasetLoader.detect(MNIST))
                .isEqualTo(new DatasetLoader.Detection(DatasetFormat.IDX, MNIST, false));
        assertThat(DatasetLoader.detect(CIFAR_SUBSET))
                .isEqualTo(new DatasetLoader.Detection(DatasetFormat.CIFAR10_BINARY, CIFAR_SUBSET, true));
        assertThat(DatasetLoader.detect(CIFAR_SUBSET.getParent()))
                .isEqualTo(new DatasetLoader.Detection(DatasetFormat.CIFAR10_BINARY, CIFAR_SUBSET, true));
        ImageFolderReaderTest.writeGray(dir.resolve("images/a/1.png"), 3, 3, 0);
        assertThat(DatasetLoader.detect(dir.resolve("images")).format()).isEqualTo(DatasetFormat.IMAGE_FOLDER);
    }

    @Test
    void singleIdxFileMeansItsFolderEvenUnderAnotherName() throws IOException {
        Path folder = smallIdxFolder();
        Files.copy(MNIST.resolve("t10k-images-idx3-ubyte.gz"), dir.resolve("renamed.bin"));
        assertThat(DatasetLoader.detect(folder.resolve("t10k-images-idx3-ubyte.gz")).location())
                .isEqualTo(folder.toAbsolutePath());
        assertThat(DatasetLoader.detect(dir.resolve("renamed.bin")))
                .isEqualTo(new DatasetLoader.Detection(DatasetFormat.IDX, dir.toAbsolutePath(), false));

        ImageDataset viaFile = loader.load(folder.resolve("train-labels-idx1-ubyte.gz"), JobContext.detached());
        ImageDataset viaFolder = loader.load(folder, JobContext.detached());
        assertThat(viaFile.sha256()).isEqualTo(viaFolder.sha256());
        assertThat(viaFile.train().count()).isEqualTo(10_000);
        assertThat(viaFile.classNames()).isEqualTo(DatasetCatalog.MNIST_CLASSES);
    }

    @Test
    void idxFolderNamedFashionGetsFashionNames() throws IOException {
        Path folder = dir.resolve("my-fashion-mnist");
        Files.createDirectories(folder);
        copySmallIdx(folder);
        ImageDataset ds = loader.load(folder, JobContext.detached());
        assertThat(ds.name()).isEqualTo("Fashion-MNIST");
        assertThat(ds.classNames()).isEqualTo(DatasetCatalog.FASHION_MNIST_CLASSES);
    }

    @Test
    void sourceNamesOverrideTheDefaults() throws IOException {
        Path folder = smallIdxFolder();
        List<String> letters = List.of("a", "b", "c", "d", "e", "f", "g", "h", "i", "j");
        ImageDataset ds = loader.load(new DatasetSource("Letters", folder, letters), JobContext.detached());
        assertThat(ds.name()).isEqualTo("Letters");
        assertThat(ds.classNames()).isEqualTo(letters);
    }

    @Test
    void loadsTheCifarSubsetAndReportsProgress() {
        List<Double> fractions = new ArrayList<>();
        List<String> messages = new ArrayList<>();
        ProgressListener listener = new ProgressListener() {
            @Override
            public void progress(double fraction, String message) {
                fractions.add(fraction);
                messages.add(message);
            }
        };
        ImageDataset ds = loader.load(CIFAR_SUBSET, new JobContext(listener, new CancellationToken()));
        assertThat(ds.name()).isEqualTo("CIFAR-10");
        assertThat(ds.train().count()).isEqualTo(5000);
        assertThat(fractions).isSorted().last().isEqualTo(1.0);
        assertThat(fractions.get(0)).isZero();
        assertThat(messages).anyMatch(m -> m.contains("data_batch_1.bin"));
    }

    @Test
    void cancellationStopsTheLoad() {
        CancellationToken token = new CancellationToken();
        ProgressListener cancelOnFirstFile = new ProgressListener() {
            @Override
            public void progress(double fraction, String message) {
                if (message.startsWith("Reading")) {
                    token.cancel();
                }
            }
        };
        assertThatThrownBy(() -> loader.load(MNIST, new JobContext(cancelOnFirstFile, token)))
                .isInstanceOf(JobCancelledException.class);
        assertThatThrownBy(() -> loader.load(CIFAR_SUBSET, new JobContext(cancelOnFirstFile, token)))
                .isInstanceOf(JobCancelledException.class);
    }

    @Test
    void emptyFolderSaysWhatWasLookedFor() {
        assertThatThrownBy(() -> loader.load(dir, JobContext.detached()))
                .isInstanceOf(DatasetFormatException.class)
                .hasMessageContaining(dir + ": is empty")
                .hasMessageContaining("train-images-idx3-ubyte")
                .hasMessageContaining("data_batch_N.bin")
                .hasMessageContaining("image folder");
    }

    @Test
    void unknownFileSaysWhatWasLookedFor() throws IOException {
        Path file = dir.resolve("notes.txt");
        Files.writeString(file, "hello");
        assertThatThrownBy(() -> loader.load(file, JobContext.detached()))
                .hasMessageContaining("notes.txt: is neither an IDX file")
                .hasMessageContaining("cifar-10-binary.tar.gz");
    }

    @Test
    void missingPathIsReported() {
        Path missing = dir.resolve("nowhere");
        assertThatThrownBy(() -> loader.load(missing, JobContext.detached()))
                .hasMessageContaining("nowhere: does not exist");
    }

    @Test
    void incompleteIdxFolderListsTheMissingFiles() throws IOException {
        Files.copy(MNIST.resolve("t10k-labels-idx1-ubyte.gz"), dir.resolve("t10k-labels-idx1-ubyte.gz"));
        assertThatThrownBy(() -> loader.load(dir, JobContext.detached()))
                .hasMessageContaining("missing IDX file(s) train-images-idx3-ubyte[.gz],"
                        + " train-labels-idx1-ubyte[.gz], t10k-images-idx3-ubyte[.gz]");
    }

    private Path smallIdxFolder() throws IOException {
        Path folder = dir.resolve("small");
        Files.createDirectories(folder);
        copySmallIdx(folder);
        return folder;
    }

    /** The MNIST test files serve as both splits: a valid IDX folder that reads fast. */
    private static void copySmallIdx(Path folder) throws IOException {
        Files.copy(MNIST.resolve("t10k-images-idx3-ubyte.gz"), folder.resolve("train-images-idx3-ubyte.gz"));
        Files.copy(MNIST.resolve("t10k-labels-idx1-ubyte.gz"), folder.resolve("train-labels-idx1-ubyte.gz"));
        Files.copy(MNIST.resolve("t10k-images-idx3-ubyte.gz"), folder.resolve("t10k-images-idx3-ubyte.gz"));
        Files.copy(MNIST.resolve("t10k-labels-idx1-ubyte.gz"), folder.resolve("t10k-labels-idx1-ubyte.gz"));
    }
}
