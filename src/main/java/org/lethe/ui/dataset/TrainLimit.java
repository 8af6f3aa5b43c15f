package org.lethe.ui.dataset;

import java.util.List;

/**
 * How many training images the workbench uses: all, or the first {@code images} of them (fewer
 * images train faster on a laptop CPU).
 *
 * @param images the number of images, or {@link #ALL}
 */
public record TrainLimit(int images) {

    /** The value of {@code images} meaning "every training image". */
    public static final int ALL = 0;

    /** The choices offered in the Data tab, "All" first. */
    public static final List<TrainLimit> CHOICES = List.of(new TrainLimit(ALL), new TrainLimit(10_000),
            new TrainLimit(5_000), new TrainLimit(1_000));

    public TrainLimit {
        if (images < 0) {
            throw new IllegalArgumentException("training image limit must be >= 0 (0 = all), was " + images);
        }
    }

    @Override
    public String toString() {
        return images == ALL ? org.lethe.ui.common.Strings.text("dataset.trainLimit.all") : String.format("%,d", images);
    }
}
