package org.lethe.engine.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.lethe.engine.LetheException;
import org.lethe.engine.job.JobContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetCatalogTest {

    @TempDir
    Path userData;

    private DatasetCatalog catalog() {
        return new DatasetCatalog(DataTestFiles.SAMPLE, userData, userData.resolve("no-system-copy"));
    }

    @Test
    void mnistResolvesToTheSampleData() {
        DatasetSource source = catalog().resolve("MNIST");
        assertThat(source.path()).isEqualTo(DataTestFiles.MNIST);
        assertThat(source.displayName()).isEqualTo("MNIST");
        assertThat(source.classNames()).containsExactly("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
    }

    @Test
    void cifarPrefersAFullArchiveInTheUserFolder() throws IOException {
        assertThat(catalog().resolve("cifar10").path()).isEqualTo(DataTestFiles.CIFAR_SUBSET);
        assertThat(catalog().resolve("CIFAR-10").displayName()).isEqualTo("CIFAR-10");
        Path full = userData.resolve("cifar10/cifar-10-binary.tar.gz");
        Files.createDirectories(full.getParent());
        Files.write(full, new byte[] {1});
        assertThat(catalog().resolve("cifar10").path()).isEqualTo(full);
    }

    @Test
    void cifarLoadsThroughTheCatalog() {
        ImageDataset ds = catalog().load("cifar10", JobContext.detached());
        assertThat(ds.name()).isEqualTo("CIFAR-10");
        assertThat(ds.classNames()).startsWith("airplane", "automobile");
        assertThat(ds.test().count()).isEqualTo(1000);
    }

    @Test
    void missingFashionMnistSaysWhereItLookedAndHowToGetIt() {
        assertThatThrownBy(() -> catalog().resolve("fashion-mnist"))
                .isInstanceOf(LetheException.class)
                .hasMessageContaining("Fashion-MNIST not found")
                .hasMessageContaining(userData.resolve("no-system-copy").toString())
                .hasMessageContaining(userData.resolve("fashion-mnist").toString())
                .hasMessageContaining("apt-get install dataset-fashion-mnist");
    }

    @Test
    void fashionMnistInTheUserFolderIsFound() throws IOException {
        Path folder = userData.resolve("fashion-mnist");
        Files.createDirectories(folder);
        for (String name : List.of("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
                "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz")) {
            Files.write(folder.resolve(name), new byte[0]);
        }
        DatasetSource source = catalog().resolve("fashion_mnist");
        assertThat(source.path()).isEqualTo(folder);
        assertThat(source.classNames()).isEqualTo(DatasetCatalog.FASHION_MNIST_CLASSES);
    }

    @Test
    void missingSampleDataSaysWhereItLooked() {
        DatasetCatalog empty = new DatasetCatalog(userData.resolve("nothing"), userData);
        assertThatThrownBy(() -> empty.resolve("mnist"))
                .isInstanceOf(LetheException.class)
                .hasMessageContaining("MNIST not found")
                .hasMessageContaining(userData.resolve("nothing").resolve("mnist").toString())
                .hasMessageContaining("lethe.sampleData");
        assertThatThrownBy(() -> empty.resolve("cifar10"))
                .hasMessageContaining("CIFAR-10 not found")
                .hasMessageContaining("cifar-10-binary.tar.gz");
    }

    @Test
    void otherNamesArePaths() {
        assertThat(catalog().resolve(userData.toString())).isEqualTo(DatasetSource.ofPath(userData));
        assertThatThrownBy(() -> catalog().resolve("cifar100"))
                .isInstanceOf(LetheException.class)
                .hasMessageContaining("unknown dataset 'cifar100'")
                .hasMessageContaining("[mnist, fashion-mnist, cifar10]");
    }

    @Test
    void userDataFolderFollowsPropertyThenEnvironmentThenPlatform() {
        Map<String, String> env = Map.of("LETHE_DATA_DIR", "/env/lethe", "LOCALAPPDATA", "C:\\Users\\a\\AppData\\Local");
        assertThat(DatasetCatalog.userDataDir(k -> k.equals("lethe.dataDir") ? "/prop/lethe" : null, env::get))
                .isEqualTo(Path.of("/prop/lethe"));
        assertThat(DatasetCatalog.userDataDir(k -> null, env::get)).isEqualTo(Path.of("/env/lethe"));
        Map<String, String> linux = Map.of("user.home", "/home/a", "os.name", "Linux");
        assertThat(DatasetCatalog.userDataDir(linux::get, k -> null))
                .isEqualTo(Path.of("/home/a/.local/share/lethe"));
        Map<String, String> mac = Map.of("user.home", "/Users/a", "os.name", "Mac OS X");
        assertThat(DatasetCatalog.userDataDir(mac::get, k -> null))
                .isEqualTo(Path.of("/Users/a/Library/Application Support/Lethe"));
        Map<String, String> windows = Map.of("user.home", "/home/a", "os.name", "Windows 11");
        assertThat(DatasetCatalog.userDataDir(windows::get, k -> k.equals("LOCALAPPDATA") ? "/local" : null))
                .isEqualTo(Path.of("/local/Lethe"));
    }

    @Test
    void sampleDataFolderFollowsPropertyThenWorkingFolderThenJarLocation() throws IOException {
        assertThat(DatasetCatalog.sampleDataDir(k -> "/opt/sample", userData, null))
                .isEqualTo(Path.of("/opt/sample"));
        Files.createDirectories(userData.resolve("work/sample-data"));
        assertThat(DatasetCatalog.sampleDataDir(k -> null, userData.resolve("work"), null))
                .isEqualTo(userData.resolve("work/sample-data"));
        Path jar = userData.resolve("install/target/lethe.jar");
        assertThat(DatasetCatalog.sampleDataDir(k -> null, userData.resolve("elsewhere"), jar))
                .isEqualTo(userData.resolve("install/sample-data"));
    }

    @Test
    void fashionMnistFromTheDebianPackage() {
        assumeThat(Files.isDirectory(DatasetCatalog.DEBIAN_FASHION_MNIST)).as("dataset-fashion-mnist installed")
                .isTrue();
        ImageDataset ds = new DatasetCatalog(DataTestFiles.SAMPLE, userData).load("fashion-mnist", JobContext.detached());
        assertThat(ds.name()).isEqualTo("Fashion-MNIST");
        assertThat(ds.train().count()).isEqualTo(60_000);
        assertThat(ds.test().count()).isEqualTo(10_000);
        assertThat(ds.shape()).isEqualTo(new ImageShape(1, 28, 28));
        assertThat(ds.classNames()).containsExactly("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
                "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");
        assertThat(ds.train().countsPerClass(10)).containsOnly(6000);
        assertThat(ds.test().countsPerClass(10)).containsOnly(1000);
    }
}
