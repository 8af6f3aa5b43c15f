package org.lethe.engine.unlearning;

import java.util.Objects;
import org.lethe.engine.data.ImageDataset;
import org.lethe.engine.data.IndexView;
import org.lethe.engine.data.forget.ForgetSplit;

/**
 * The data an unlearning run works with: the forget set, the retain set, and the test set, all
 * views over one dataset.
 *
 * @param dataset the dataset
 * @param forget the samples to forget (training split)
 * @param retain the rest of the training split
 * @param test the test split
 * @param retainAvailable false when the user withholds the retain set ("D_F only" setting): methods
 *     that need it refuse to run, the others run without it
 * @param forgetSpec the forget-set spec text, for provenance
 */
public record DataSplits(ImageDataset dataset, IndexView forget, IndexView retain, IndexView test,
        boolean retainAvailable, String forgetSpec) {

    public DataSplits {
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(forget, "forget");
        Objects.requireNonNull(retain, "retain");
        Objects.requireNonNull(test, "test");
        Objects.requireNonNull(forgetSpec, "forgetSpec");
    }

    /** Splits from a resolved forget set, with the retain set available. */
    public static DataSplits of(ImageDataset dataset, ForgetSplit split) {
        return new DataSplits(dataset, split.forget(), split.retain(), dataset.test().all("test"), true,
                split.spec());
    }

    /** The same splits with the retain set withheld (or made available again). */
    public DataSplits withRetainAvailable(boolean available) {
        return new DataSplits(dataset, forget, retain, test, available, forgetSpec);
    }
}
