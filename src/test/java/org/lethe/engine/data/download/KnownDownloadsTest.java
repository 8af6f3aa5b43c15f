package org.lethe.engine.data.download;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.lethe.engine.LetheException;

class KnownDownloadsTest {

    @Test
    void mnistBundleHoldsTheFourOfficialFilesOverHttps() {
        DownloadBundle mnist = KnownDownloads.bundle("MNIST");

        assertThat(mnist.folder()).isEqualTo("mnist");
        assertThat(mnist.files()).extracting(RemoteFile::fileName).containsExactly(
                "train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
                "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz");
        assertThat(mnist.files()).allSatisfy(f -> {
            assertThat(f.uri().toString()).isEqualTo("https://ossci-datasets.s3.amazonaws.com/mnist/" + f.fileName());
            assertThat(f.checksum().algorithm()).isEqualTo("MD5");
            assertThat(f.sizeKnown()).isTrue();
        });
        assertThat(KnownDownloads.MNIST_TEST_LABELS.checksum().hex()).isEqualTo("ec29112dd5afa0611ce80d1b7f02629c");
        assertThat(Downloader.bundleFolder(mnist, Path.of("data"))).isEqualTo(Path.of("data", "mnist"));
    }

    @Test
    void fashionMnistBundleGoesWhereTheCatalogLooksForIt() {
        DownloadBundle fashion = KnownDownloads.bundle("Fashion-MNIST");

        assertThat(fashion.folder()).isEqualTo("fashion-mnist");
        assertThat(fashion.files()).extracting(RemoteFile::fileName).containsExactly(
                "train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
                "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz");
        assertThat(fashion.files()).allSatisfy(f -> assertThat(f.uri().getScheme()).isEqualTo("https"));
        assertThat(fashion.totalSize()).isEqualTo(26_421_880L + 29_515L + 4_422_102L + 5_148L);
        assertThat(KnownDownloads.FASHION_TRAIN_IMAGES.checksum()).isEqualTo(Checksum.md5("8d4fb7e6c68d591d4c3dfef9ec88bf0d"));
        assertThat(KnownDownloads.bundles()).extracting(DownloadBundle::name)
                .containsExactly("mnist", "fashion-mnist", "cifar10");
    }

    @Test
    void cifar10BundleIsTheOfficialBinaryArchive() {
        DownloadBundle cifar = KnownDownloads.bundle("cifar10");

        assertThat(cifar.folder()).isEqualTo("cifar10");
        assertThat(cifar.files()).containsExactly(KnownDownloads.CIFAR10_BINARY);
        assertThat(cifar.totalSize()).isEqualTo(170_052_171L);
        assertThat(KnownDownloads.CIFAR10_BINARY.uri().toString())
                .isEqualTo("https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz");
        assertThat(KnownDownloads.CIFAR10_BINARY.checksum()).isEqualTo(Checksum.md5("c32a1d4ab5d03f1284b67883e8d87530"));
    }

    @Test
    void unknownBundleNameListsTheKnownOnes() {
        assertThat(KnownDownloads.find("svhn")).isEmpty();
        assertThatThrownBy(() -> KnownDownloads.bundle("svhn"))
                .isInstanceOf(LetheException.class)
                .hasMessage("unknown dataset 'svhn', expected one of: mnist, fashion-mnist, cifar10");
    }

    @Test
    void remoteFileAndBundleRejectUnsafeNames() {
        Checksum c = Checksum.md5("c32a1d4ab5d03f1284b67883e8d87530");
        assertThatThrownBy(() -> RemoteFile.of("https://host/x", "../x.gz", 1, c))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("plain file name");
        assertThatThrownBy(() -> RemoteFile.of("https://host/x", "x.gz.part", 1, c))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(".part");
        assertThatThrownBy(() -> RemoteFile.of("relative/x", "x.gz", 1, c))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("absolute");
        assertThatThrownBy(() -> RemoteFile.of("https://host/x", "x.gz", -2, c))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("negative");
        RemoteFile one = RemoteFile.of("https://host/x", "x.gz", RemoteFile.UNKNOWN_SIZE, c);
        assertThatThrownBy(() -> new DownloadBundle("b", "b", java.util.List.of(one, one)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("twice");
        assertThatThrownBy(() -> new DownloadBundle("b", "../b", java.util.List.of(one)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("plain folder name");
        assertThat(new DownloadBundle("b", "b", java.util.List.of(one)).totalSize()).isEqualTo(RemoteFile.UNKNOWN_SIZE);
    }
}
