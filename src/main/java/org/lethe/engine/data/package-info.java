/**
 * Image datasets in their official formats.
 *
 * <p>{@link org.lethe.engine.data.ImageDataset} keeps pixels as unsigned bytes and
 * {@link org.lethe.engine.data.IndexView} names subsets without copying pixels. Reading starts at
 * {@link org.lethe.engine.data.DatasetCatalog} (built-in names such as {@code mnist} to paths) and
 * {@link org.lethe.engine.data.DatasetLoader} (format detection, progress, cancellation), which
 * hand over to the readers: {@link org.lethe.engine.data.IdxReader} (MNIST, Fashion-MNIST),
 * {@link org.lethe.engine.data.CifarBinaryReader} (CIFAR-10 binary, folder or tar.gz) and
 * {@link org.lethe.engine.data.ImageFolderReader} (PNG/JPEG class folders).
 * {@link org.lethe.engine.data.DatasetSummary} is what {@code lethe datasets info} prints, and
 * {@link org.lethe.engine.data.DatasetFormatException} explains bad input by file, field, expected
 * and found value.
 */
package org.lethe.engine.data;
