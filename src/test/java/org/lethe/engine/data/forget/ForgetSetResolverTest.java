package org.lethe.engine.data.forget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.lethe.engine.data.ImageDataset;
import org.lethe.engine.data.IndexView;

class ForgetSetResolverTest {

    private static final ImageDataset DIGITS = ForgetTestData.digits(200);

    private static ForgetSplit resolve(String spec, long seed) {
        return ForgetSetResolver.resolve(ForgetSetSpec.parse(spec), DIGITS, seed);
    }

    private static void assertPartition(ForgetSplit split, int n) {
        int[] forget = split.forget().toArray();
        int[] retain = split.retain().toArray();
        assertThat(forget).isSorted();
        assertThat(retain).isSorted();
        assertThat(forget.length).isEqualTo(IntStream.of(forget).distinct().count());
        Set<Integer> forgetSet = IntStream.of(forget).boxed().collect(Collectors.toSet());
        assertThat(IntStream.of(retain).noneMatch(forgetSet::contains)).isTrue();
        assertThat(IntStream.concat(IntStream.of(forget), IntStream.of(retain)).sorted().toArray())
                .isEqualTo(IntStream.range(0, n).toArray());
        assertThat(split.forget().tag()).isEqualTo("forget");
        assertThat(split.retain().tag()).isEqualTo("retain");
        assertThat(split.forget().split()).isSameAs(DIGITS.train());
    }

    @Test
    void classSpecSelectsExactlyThatClass() {
        ForgetSplit split = resolve("class:3", 0);
        assertThat(split.forget().toArray()).isEqualTo(IntStream.range(0, 200).filter(i -> i % 10 == 3).toArray());
        assertThat(split.forget().countsPerClass(10)).containsExactly(0, 0, 0, 20, 0, 0, 0, 0, 0, 0);
        assertThat(split.retainSize()).isEqualTo(180);
        assertThat(split.spec()).isEqualTo("class:3");
        assertPartition(split, 200);
    }

    @Test
    void severalClasses() {
        ForgetSplit split = resolve("class:5,3", 0);
        assertThat(split.forget().toArray())
                .isEqualTo(IntStream.range(0, 200).filter(i -> i % 10 == 3 || i % 10 == 5).toArray());
        assertPartition(split, 200);
    }

    @Test
    void samplesSpecSelectsThoseIndicesSortedAndDeduplicated() {
        ForgetSplit split = resolve("samples:77,12,45,12", 0);
        assertThat(split.forget().toArray()).containsExactly(12, 45, 77);
        assertPartition(split, 200);
    }

    @Test
    void unionIsSetUnion() {
        ForgetSplit split = resolve("class:3+samples:12,13,45", 0);
        int[] expected = IntStream.range(0, 200).filter(i -> i % 10 == 3 || i == 12 || i == 45).toArray();
        assertThat(split.forget().toArray()).isEqualTo(expected);
        assertThat(split.spec()).isEqualTo("class:3+samples:12,13,45");
        assertPartition(split, 200);
    }

    @Test
    void randomFractionHasRoundedSizeAndIsReproducible() {
        ForgetSplit a = resolve("random:0.1", 42);
        ForgetSplit b = resolve("random:0.1", 42);
        ForgetSplit c = resolve("random:0.1", 43);
        assertThat(a.forgetSize()).isEqualTo(20);
        assertThat(resolve("random:0.123", 1).forgetSize()).isEqualTo(25); // round(24.6)
        assertThat(a.forget().toArray()).isEqualTo(b.forget().toArray());
        assertThat(a.forget().sha256()).isEqualTo(b.forget().sha256());
        assertThat(c.forget().toArray()).isNotEqualTo(a.forget().toArray());
        assertThat(c.forget().sha256()).isNotEqualTo(a.forget().sha256());
        assertThat(a.seed()).isEqualTo(42);
        assertPartition(a, 200);
        assertPartition(c, 200);
    }

    @Test
    void tinyFractionStillPicksOneSample() {
        assertThat(resolve("random:0.0001", 5).forgetSize()).isEqualTo(1);
    }

    @Test
    void randomCountHasExactSizeAndIsReproducible() {
        ForgetSplit a = resolve("random:37", 7);
        assertThat(a.forgetSize()).isEqualTo(37);
        assertThat(resolve("random:37", 7).forget().toArray()).isEqualTo(a.forget().toArray());
        assertThat(resolve("random:37", 8).forget().toArray()).isNotEqualTo(a.forget().toArray());
        assertThat(resolve("random:199", 7).retainSize()).isEqualTo(1);
        assertPartition(a, 200);
    }

    @Test
    void manySeedsGiveManyDifferentDraws() {
        Set<String> hashes = new HashSet<>();
        for (long seed = 0; seed < 50; seed++) {
            hashes.add(resolve("random:10", seed).forget().sha256());
        }
        assertThat(hashes).hasSize(50);
    }

    @Test
    void randomTermsInOneUnionDrawIndependently() {
        ForgetSplit twice = resolve("random:50+random:50", 3);
        ForgetSplit once = resolve("random:50", 3);
        // two identical draws would give exactly 50; independent draws overlap only partly
        assertThat(twice.forgetSize()).isGreaterThan(50).isLessThanOrEqualTo(100);
        assertThat(once.forgetSize()).isEqualTo(50);
        assertPartition(twice, 200);
    }

    @Test
    void randomFractionIsRoughlyUniformOverClasses() {
        ImageDataset big = ForgetTestData.digits(10_000);
        for (long seed = 0; seed < 5; seed++) {
            ForgetSplit split = ForgetSetResolver.resolve(new ForgetSetSpec.RandomFraction(0.1), big, seed);
            assertThat(split.forgetSize()).isEqualTo(1000);
            for (int count : split.forget().countsPerClass(10)) {
                // each class has 1000 samples; 10% +- 3 percentage points
                assertThat(count).isBetween(70, 130);
            }
            // positions are spread too: each tenth of the index range gets a fair share
            int[] perDecile = new int[10];
            split.forget().stream().forEach(i -> perDecile[i / 1000]++);
            for (int c : perDecile) {
                assertThat(c).isBetween(70, 130);
            }
        }
    }

    @Test
    void differentSetsHaveDifferentHashesAndRetainHashesDiffer() {
        ForgetSplit three = resolve("class:3", 0);
        ForgetSplit five = resolve("class:5", 0);
        assertThat(three.forget().sha256()).isNotEqualTo(five.forget().sha256());
        assertThat(three.retain().sha256()).isNotEqualTo(five.retain().sha256());
        assertThat(three.forget().sha256()).isEqualTo(IndexView.hashIndices(three.forget().toArray()));
        // same set written differently resolves to the same views
        assertThat(resolve("class:3+class:3", 9).forget().sha256()).isEqualTo(three.forget().sha256());
    }

    @Test
    void specShorthandResolves() {
        ForgetSplit split = ForgetSetSpec.classes(1).resolve(DIGITS, 0);
        assertThat(split.forgetSize()).isEqualTo(20);
    }

    @Test
    void classOutOfRangeNamesValidRange() {
        assertThatThrownBy(() -> resolve("class:3,12", 0))
                .isInstanceOf(ForgetSetException.class)
                .hasMessageContaining("'class:3,12'")
                .hasMessageContaining("class 12 is out of range")
                .hasMessageContaining("digits has classes 0..9");
    }

    @Test
    void classOutOfRangeListsClassNames() {
        ImageDataset named = ForgetTestData.named(100);
        assertThatThrownBy(() -> ForgetSetResolver.resolve(ForgetSetSpec.classes(10), named, 0))
                .isInstanceOf(ForgetSetException.class)
                .hasMessageContaining("class 10 is out of range")
                .hasMessageContaining("classes 0..9 (0=airplane, 1=automobile, 2=bird")
                .hasMessageContaining("9=truck)");
    }

    @Test
    void sampleOutOfRangeNamesSplitSize() {
        assertThatThrownBy(() -> resolve("samples:5,200", 0))
                .isInstanceOf(ForgetSetException.class)
                .hasMessageContaining("'samples:5,200'")
                .hasMessageContaining("sample index 200 is out of range")
                .hasMessageContaining("has 200 samples (0..199)");
    }

    @Test
    void randomCountLargerThanSplit() {
        assertThatThrownBy(() -> resolve("random:201", 0))
                .isInstanceOf(ForgetSetException.class)
                .hasMessageContaining("'random:201'")
                .hasMessageContaining("asks for 201 random samples")
                .hasMessageContaining("has only 200");
    }

    @Test
    void wholeSplitLeavesNothingToRetain() {
        assertThatThrownBy(() -> resolve("random:200", 0))
                .isInstanceOf(ForgetSetException.class)
                .hasMessageContaining("selects all 200 training samples")
                .hasMessageContaining("nothing would be left to retain");
        assertThatThrownBy(() -> resolve("class:0,1,2,3,4,5,6,7,8,9", 0))
                .hasMessageContaining("nothing would be left to retain");
        assertThatThrownBy(() -> resolve("random:0.999", 0)) // round(199.8) = 200
                .hasMessageContaining("nothing would be left to retain");
    }

    @Test
    void emptyResult() {
        // 5 training images have labels 0..4 only: classes 5..9 are empty
        ImageDataset small = ForgetTestData.digits(5);
        assertThatThrownBy(() -> ForgetSetResolver.resolve(ForgetSetSpec.classes(7), small, 0))
                .isInstanceOf(ForgetSetException.class)
                .hasMessageContaining("'class:7' selects no training samples");
    }
}
