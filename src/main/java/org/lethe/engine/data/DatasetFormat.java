package org.lethe.engine.data;

/** The on-disk format a dataset was read from. */
public enum DatasetFormat {
    /** MNIST-style IDX files, raw or gzip-compressed. */
    IDX("idx"),
    /** CIFAR-10 binary batches, as a folder or the official tar.gz. */
    CIFAR10_BINARY("cifar10-binary"),
    /** A folder with one sub-folder of PNG/JPEG images per class. */
    IMAGE_FOLDER("image-folder");

    private final String id;

    DatasetFormat(String id) {
        this.id = id;
    }

    /** The stable identifier used in JSON output. */
    public String id() {
        return id;
    }
}
