/**
 * Image datasets in their official formats: {@link org.lethe.engine.data.ImageDataset} keeps pixels
 * as unsigned bytes, {@link org.lethe.engine.data.IndexView} names subsets without copying pixels,
 * readers parse IDX, CIFAR-10 binary and image folders, and
 * {@link org.lethe.engine.data.DatasetFormatException} explains bad input.
 */
package org.lethe.engine.data;
