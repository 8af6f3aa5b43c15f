package org.lethe.engine.data.forget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.lethe.engine.data.ImageDataset;
import org.lethe.engine.data.IndexView;

class ForgetSplitTest {

    private static final ImageDataset DIGITS = ForgetTestData.digits(200);

    @Test
    void summaryCountsPerClassInClassOrder() {
        ForgetSplit split = ForgetSetResolver.resolve(ForgetSetSpec.parse("class:5+samples:3,13,25"), DIGITS, 0);
        // class 5 has 20 samples (25 is one of them); 3 and 13 are class 3
        assertThat(split.summary(DIGITS)).isEqualTo("22 samples: 3 \u00d72, 5 \u00d720");
        assertThat(split.forgetCountsPerClass(DIGITS)).containsExactly(0, 0, 0, 2, 0, 20, 0, 0, 0, 0);
    }

    @Test
    void summaryUsesClassNamesAndSingular() {
        ImageDataset named = ForgetTestData.named(100);
        ForgetSplit split = ForgetSetResolver.resolve(ForgetSetSpec.samples(3), named, 0);
        assertThat(split.summary(named)).isEqualTo("1 sample: cat \u00d71");
    }

    @Test
    void summaryOfAllButOneClass() {
        ForgetSplit split = ForgetSetResolver.resolve(ForgetSetSpec.classes(0, 1, 2, 3, 4, 5, 6, 7, 8), DIGITS, 0);
        assertThat(split.summary(DIGITS))
                .isEqualTo("180 samples: 0 \u00d720, 1 \u00d720, 2 \u00d720, 3 \u00d720, 4 \u00d720, 5 \u00d720, "
                        + "6 \u00d720, 7 \u00d720, 8 \u00d720");
    }

    @Test
    void rejectsViewsThatDoNotPartitionTheSplit() {
        IndexView forget = new IndexView(DIGITS.train(), new int[] {1, 2}, "forget");
        IndexView overlapping = new IndexView(DIGITS.train(),
                java.util.stream.IntStream.range(2, 200).toArray(), "retain");
        assertThatThrownBy(() -> new ForgetSplit(forget, overlapping, "samples:1,2", 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sample 0 is missing, repeated");
        IndexView tooFew = new IndexView(DIGITS.train(), java.util.stream.IntStream.range(3, 200).toArray(), "retain");
        assertThatThrownBy(() -> new ForgetSplit(forget, tooFew, "samples:1,2", 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("do not add up");
        IndexView unsorted = new IndexView(DIGITS.train(), new int[] {2, 1}, "forget");
        IndexView rest = new IndexView(DIGITS.train(), java.util.stream.IntStream.concat(
                java.util.stream.IntStream.of(0), java.util.stream.IntStream.range(3, 200)).toArray(), "retain");
        assertThatThrownBy(() -> new ForgetSplit(unsorted, rest, "samples:1,2", 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("out of order");
        assertThatThrownBy(() -> new ForgetSplit(forget.withTag("x"), rest, "samples:1,2", 0))
                .hasMessageContaining("tagged");
        assertThat(new ForgetSplit(forget, rest, "samples:1,2", 0).forgetSize()).isEqualTo(2);
    }
}
