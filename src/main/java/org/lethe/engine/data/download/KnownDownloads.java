package org.lethe.engine.data.download;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.lethe.engine.LetheException;

/**
 * The official sources of the datasets Lethe can fetch, with the sizes and checksums their
 * publishers give, grouped into named bundles.
 *
 * <p>MNIST comes from the PyTorch project's mirror of Yann LeCun's files (byte-identical to the
 * originals, same MD5s); Fashion-MNIST from Zalando Research's GitHub repository (the MD5s its
 * README publishes); CIFAR-10 from Alex Krizhevsky's page at the University of Toronto.
 */
public final class KnownDownloads {

    private static final String MNIST_MIRROR = "https://ossci-datasets.s3.amazonaws.com/mnist/";
    private static final String FASHION_MNIST_HOME =
            "https://raw.githubusercontent.com/zalandoresearch/fashion-mnist/master/data/fashion/";

    /** MNIST training images (60,000 × 28 × 28, IDX, gzip). */
    public static final RemoteFile MNIST_TRAIN_IMAGES = mnist("train-images-idx3-ubyte.gz", 9_912_422L,
            "f68b3c2dcbeaaa9fbdd348bbdeb94873");

    /** MNIST training labels (60,000, IDX, gzip). */
    public static final RemoteFile MNIST_TRAIN_LABELS = mnist("train-labels-idx1-ubyte.gz", 28_881L,
            "d53e105ee54ea40749a09fcbcd1e9432");

    /** MNIST test images (10,000 × 28 × 28, IDX, gzip). */
    public static final RemoteFile MNIST_TEST_IMAGES = mnist("t10k-images-idx3-ubyte.gz", 1_648_877L,
            "9fb629c4189551a2d022fa330f9573f3");

    /** MNIST test labels (10,000, IDX, gzip). */
    public static final RemoteFile MNIST_TEST_LABELS = mnist("t10k-labels-idx1-ubyte.gz", 4_542L,
            "ec29112dd5afa0611ce80d1b7f02629c");

    /** Fashion-MNIST training images (60,000 × 28 × 28, IDX, gzip). */
    public static final RemoteFile FASHION_TRAIN_IMAGES = fashion("train-images-idx3-ubyte.gz", 26_421_880L,
            "8d4fb7e6c68d591d4c3dfef9ec88bf0d");

    /** Fashion-MNIST training labels (60,000, IDX, gzip). */
    public static final RemoteFile FASHION_TRAIN_LABELS = fashion("train-labels-idx1-ubyte.gz", 29_515L,
            "25c81989df183df01b3e8a0aad5dffbe");

    /** Fashion-MNIST test images (10,000 × 28 × 28, IDX, gzip). */
    public static final RemoteFile FASHION_TEST_IMAGES = fashion("t10k-images-idx3-ubyte.gz", 4_422_102L,
            "bef4ecab320f06d8554ea6380940ec79");

    /** Fashion-MNIST test labels (10,000, IDX, gzip). */
    public static final RemoteFile FASHION_TEST_LABELS = fashion("t10k-labels-idx1-ubyte.gz", 5_148L,
            "bb300cfdad3c16e7a12a480ee83cd310");

    /** CIFAR-10, binary version (five training batches and one test batch in a tar.gz). */
    public static final RemoteFile CIFAR10_BINARY = RemoteFile.of(
            "https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz", "cifar-10-binary.tar.gz",
            170_052_171L, Checksum.md5("c32a1d4ab5d03f1284b67883e8d87530"));

    /** The four MNIST files, saved into {@code <dataDir>/mnist/}. */
    public static final DownloadBundle MNIST = new DownloadBundle("mnist", "mnist",
            List.of(MNIST_TRAIN_IMAGES, MNIST_TRAIN_LABELS, MNIST_TEST_IMAGES, MNIST_TEST_LABELS));

    /** The four Fashion-MNIST files, saved into {@code <dataDir>/fashion-mnist/}. */
    public static final DownloadBundle FASHION_MNIST = new DownloadBundle("fashion-mnist", "fashion-mnist",
            List.of(FASHION_TRAIN_IMAGES, FASHION_TRAIN_LABELS, FASHION_TEST_IMAGES, FASHION_TEST_LABELS));

    /** The CIFAR-10 binary archive, saved into {@code <dataDir>/cifar10/}. */
    public static final DownloadBundle CIFAR10 = new DownloadBundle("cifar10", "cifar10",
            List.of(CIFAR10_BINARY));

    private static final List<DownloadBundle> BUNDLES = List.of(MNIST, FASHION_MNIST, CIFAR10);

    private KnownDownloads() {
    }

    /** All bundles, in a stable order. */
    public static List<DownloadBundle> bundles() {
        return BUNDLES;
    }

    /** The bundle with this name (case-insensitive), if there is one. */
    public static Optional<DownloadBundle> find(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        return BUNDLES.stream().filter(b -> b.name().equals(wanted)).findFirst();
    }

    /**
     * The bundle with this name (case-insensitive).
     *
     * @throws LetheException naming the known bundles if there is none by that name
     */
    public static DownloadBundle bundle(String name) {
        return find(name).orElseThrow(() -> new LetheException(
                "unknown dataset '" + name + "', expected one of: "
                        + BUNDLES.stream().map(DownloadBundle::name).collect(Collectors.joining(", "))));
    }

    private static RemoteFile fashion(String fileName, long size, String md5) {
        return RemoteFile.of(FASHION_MNIST_HOME + fileName, fileName, size, Checksum.md5(md5));
    }

    private static RemoteFile mnist(String fileName, long size, String md5) {
        return RemoteFile.of(MNIST_MIRROR + fileName, fileName, size, Checksum.md5(md5));
    }
}
