package org.lethe.engine.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Objects;

/**
 * What {@code lethe datasets info} prints about a dataset. Jackson serialises the record as
 * {@code {"name", "format", "classes": [...], "shape": [c,h,w], "train": {"count", "perClass":
 * [...]}, "test": {"count", "perClass": [...]}, "sha256"}}; {@link #toJson()} builds the same tree.
 *
 * @param name display name, e.g. "MNIST"
 * @param format the {@link DatasetFormat#id()}
 * @param classes class names by label
 * @param shape {@code [channels, height, width]}
 * @param train the training split's counts
 * @param test the test split's counts
 * @param sha256 the dataset's content hash
 */
public record DatasetSummary(String name, String format, List<String> classes, List<Integer> shape,
        SplitSummary train, SplitSummary test, String sha256) {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    public DatasetSummary {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(test, "test");
        Objects.requireNonNull(sha256, "sha256");
        classes = List.copyOf(classes);
        shape = List.copyOf(shape);
        if (shape.size() != 3) {
            throw new IllegalArgumentException("shape must be [c, h, w], was " + shape);
        }
        if (train.perClass().size() != classes.size() || test.perClass().size() != classes.size()) {
            throw new IllegalArgumentException("per-class counts must have one entry per class");
        }
    }

    /**
     * Image counts of one split.
     *
     * @param count images in the split
     * @param perClass images per class, by label; sums to {@code count}
     */
    public record SplitSummary(int count, List<Integer> perClass) {

        public SplitSummary {
            perClass = List.copyOf(perClass);
            if (perClass.stream().mapToLong(Integer::longValue).sum() != count) {
                throw new IllegalArgumentException("per-class counts " + perClass + " do not sum to "
                        + count);
            }
        }

        /** Counts the images of {@code split} per class. */
        public static SplitSummary of(ImageSplit split, int numClasses) {
            int[] counts = split.countsPerClass(numClasses);
            return new SplitSummary(split.count(), java.util.Arrays.stream(counts).boxed().toList());
        }
    }

    /** Summarises a dataset. */
    public static DatasetSummary of(ImageDataset dataset) {
        int k = dataset.numClasses();
        ImageShape s = dataset.shape();
        return new DatasetSummary(dataset.name(), dataset.format().id(), dataset.classNames(),
                List.of(s.channels(), s.height(), s.width()), SplitSummary.of(dataset.train(), k),
                SplitSummary.of(dataset.test(), k), dataset.sha256());
    }

    /** The summary as a Jackson tree, fields in the documented order. */
    public JsonNode toJson() {
        return MAPPER.valueToTree(this);
    }
}
