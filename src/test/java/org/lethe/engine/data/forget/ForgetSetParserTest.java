package org.lethe.engine.data.forget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lethe.engine.LetheException;

class ForgetSetParserTest {

    @Test
    void singleClass() {
        ForgetSetSpec spec = ForgetSetParser.parse("class:3");
        assertThat(spec).isEqualTo(new ForgetSetSpec.Classes(3));
        assertThat(((ForgetSetSpec.Classes) spec).classes()).containsExactly(3);
        assertThat(spec.toText()).isEqualTo("class:3");
    }

    @Test
    void severalClasses() {
        ForgetSetSpec spec = ForgetSetParser.parse("class:3,5");
        assertThat(spec).isEqualTo(new ForgetSetSpec.Classes(List.of(3, 5)));
        assertThat(spec.toText()).isEqualTo("class:3,5");
    }

    @Test
    void samples() {
        ForgetSetSpec spec = ForgetSetParser.parse("samples:12,45,77");
        assertThat(spec).isEqualTo(ForgetSetSpec.samples(12, 45, 77));
        assertThat(spec.toText()).isEqualTo("samples:12,45,77");
    }

    @Test
    void indexFile() {
        ForgetSetSpec spec = ForgetSetParser.parse("indices:lists/forget set+v2.txt");
        assertThat(spec).isEqualTo(new ForgetSetSpec.IndexFile(Path.of("lists/forget set+v2.txt")));
        assertThat(spec.toText()).isEqualTo("indices:" + Path.of("lists/forget set+v2.txt"));
    }

    @Test
    void randomFractionWhenDecimalOrBelowOne() {
        assertThat(ForgetSetParser.parse("random:0.1")).isEqualTo(new ForgetSetSpec.RandomFraction(0.1));
        assertThat(ForgetSetParser.parse("random:.25")).isEqualTo(new ForgetSetSpec.RandomFraction(0.25));
        assertThat(ForgetSetParser.parse("random:1e-3")).isEqualTo(new ForgetSetSpec.RandomFraction(0.001));
        assertThat(new ForgetSetSpec.RandomFraction(0.1).toText()).isEqualTo("random:0.1");
        assertThat(new ForgetSetSpec.RandomFraction(1e-7).toText()).isEqualTo("random:0.0000001");
    }

    @Test
    void randomCountWhenWholeNumber() {
        assertThat(ForgetSetParser.parse("random:500")).isEqualTo(new ForgetSetSpec.RandomCount(500));
        assertThat(ForgetSetParser.parse("random:1")).isEqualTo(new ForgetSetSpec.RandomCount(1));
        assertThat(new ForgetSetSpec.RandomCount(500).toText()).isEqualTo("random:500");
    }

    @Test
    void unionOfTerms() {
        ForgetSetSpec spec = ForgetSetParser.parse("class:3+samples:12,45");
        assertThat(spec).isEqualTo(ForgetSetSpec.union(ForgetSetSpec.classes(3), ForgetSetSpec.samples(12, 45)));
        assertThat(spec.toText()).isEqualTo("class:3+samples:12,45");
    }

    @Test
    void unionWithIndexFileWhosePathHoldsPlus() {
        ForgetSetSpec spec = ForgetSetParser.parse("indices:a+b.txt+random:0.5+class:1");
        assertThat(spec).isEqualTo(ForgetSetSpec.union(new ForgetSetSpec.IndexFile(Path.of("a+b.txt")),
                new ForgetSetSpec.RandomFraction(0.5), ForgetSetSpec.classes(1)));
    }

    @Test
    void nestedUnionsAreFlattened() {
        ForgetSetSpec.Union nested = ForgetSetSpec.union(
                ForgetSetSpec.union(ForgetSetSpec.classes(1), ForgetSetSpec.samples(2)),
                new ForgetSetSpec.RandomCount(3));
        assertThat(nested.parts()).hasSize(3).noneMatch(p -> p instanceof ForgetSetSpec.Union);
        assertThat(ForgetSetParser.parse(nested.toText())).isEqualTo(nested);
    }

    @Test
    void whitespaceAndCaseAreTolerated() {
        assertThat(ForgetSetParser.parse("  CLASS : 3 , 5 +  samples: 12 ,45 + Random : 0.1 "))
                .isEqualTo(ForgetSetSpec.union(ForgetSetSpec.classes(3, 5), ForgetSetSpec.samples(12, 45),
                        new ForgetSetSpec.RandomFraction(0.1)));
    }

    @Test
    void everyFormRoundTrips() {
        List<ForgetSetSpec> specs = List.of(
                ForgetSetSpec.classes(3),
                ForgetSetSpec.classes(9, 0, 4),
                ForgetSetSpec.samples(0, 12, 45, 77),
                new ForgetSetSpec.IndexFile(Path.of("/tmp/forget.txt")),
                new ForgetSetSpec.RandomFraction(0.1),
                new ForgetSetSpec.RandomFraction(0.123456789),
                new ForgetSetSpec.RandomFraction(Math.nextDown(1.0)),
                new ForgetSetSpec.RandomFraction(Double.MIN_VALUE),
                new ForgetSetSpec.RandomCount(1),
                new ForgetSetSpec.RandomCount(Integer.MAX_VALUE),
                ForgetSetSpec.union(ForgetSetSpec.classes(3), ForgetSetSpec.samples(1, 2),
                        new ForgetSetSpec.IndexFile(Path.of("x+y.txt")), new ForgetSetSpec.RandomFraction(0.05),
                        new ForgetSetSpec.RandomCount(7)));
        for (ForgetSetSpec spec : specs) {
            assertThat(ForgetSetSpec.parse(spec.toText())).as(spec.toText()).isEqualTo(spec);
        }
    }

    @Test
    void listConstructorAndVarargsConstructorAgree() {
        assertThat(new ForgetSetSpec.Classes(3, 5)).isEqualTo(new ForgetSetSpec.Classes(List.of(3, 5)));
        assertThat(new ForgetSetSpec.Samples(3, 5)).isEqualTo(new ForgetSetSpec.Samples(List.of(3, 5)));
    }

    @Test
    void unknownKind() {
        assertThatThrownBy(() -> ForgetSetParser.parse("class:3+klass:4"))
                .isInstanceOf(ForgetSetException.class).isInstanceOf(LetheException.class)
                .hasMessageContaining("'klass:4'")
                .hasMessageContaining("unknown kind 'klass'")
                .hasMessageContaining("expected class, samples, indices or random");
    }

    @Test
    void termWithoutKind() {
        assertThatThrownBy(() -> ForgetSetParser.parse("3,5"))
                .isInstanceOf(ForgetSetException.class)
                .hasMessageContaining("'3,5' is not a term")
                .hasMessageContaining("KIND:VALUE");
    }

    @Test
    void nonNumericValue() {
        assertThatThrownBy(() -> ForgetSetParser.parse("class:3,x"))
                .isInstanceOf(ForgetSetException.class)
                .hasMessageContaining("'class:3,x'")
                .hasMessageContaining("'x' is not a whole number")
                .hasMessageContaining("class index");
        assertThatThrownBy(() -> ForgetSetParser.parse("samples:1.5"))
                .hasMessageContaining("'1.5' is not a whole number");
        assertThatThrownBy(() -> ForgetSetParser.parse("random:ten"))
                .hasMessageContaining("'random:ten'")
                .hasMessageContaining("'ten' is not a number");
        assertThatThrownBy(() -> ForgetSetParser.parse("random:NaN"))
                .hasMessageContaining("'NaN' is not a number");
    }

    @Test
    void emptyLists() {
        assertThatThrownBy(() -> ForgetSetParser.parse("class:"))
                .isInstanceOf(ForgetSetException.class)
                .hasMessageContaining("'class:'").hasMessageContaining("empty list");
        assertThatThrownBy(() -> ForgetSetParser.parse("samples: "))
                .hasMessageContaining("empty list").hasMessageContaining("samples:12,45");
        assertThatThrownBy(() -> ForgetSetParser.parse("samples:1,,2"))
                .hasMessageContaining("'samples:1,,2'").hasMessageContaining("empty entry");
        assertThatThrownBy(() -> new ForgetSetSpec.Classes(List.of()))
                .isInstanceOf(ForgetSetException.class).hasMessageContaining("empty");
    }

    @Test
    void emptySpecAndEmptyTerms() {
        assertThatThrownBy(() -> ForgetSetParser.parse("   "))
                .isInstanceOf(ForgetSetException.class).hasMessageContaining("spec is empty");
        assertThatThrownBy(() -> ForgetSetParser.parse("class:3+"))
                .isInstanceOf(ForgetSetException.class).hasMessageContaining("empty term after 'class:3+'");
        assertThatThrownBy(() -> ForgetSetParser.parse("+class:3"))
                .hasMessageContaining("empty term at the start");
        assertThatThrownBy(() -> ForgetSetParser.parse("indices:"))
                .hasMessageContaining("missing file path");
        assertThatThrownBy(() -> ForgetSetParser.parse("random:"))
                .hasMessageContaining("missing value");
    }

    @ParameterizedTest
    @ValueSource(strings = {"random:0.0", "random:1.0", "random:1.5", "random:0", ".5e1"})
    void fractionOutsideOpenUnitInterval(String text) {
        String spec = text.startsWith("random:") ? text : "random:" + text;
        assertThatThrownBy(() -> ForgetSetParser.parse(spec))
                .isInstanceOf(ForgetSetException.class)
                .hasMessageContaining("'" + spec + "'")
                .hasMessageContaining("outside (0, 1)");
    }

    @Test
    void fractionRecordValidates() {
        assertThatThrownBy(() -> new ForgetSetSpec.RandomFraction(1.0))
                .isInstanceOf(ForgetSetException.class).hasMessageContaining("outside (0, 1)");
        assertThatThrownBy(() -> new ForgetSetSpec.RandomFraction(Double.NaN))
                .isInstanceOf(ForgetSetException.class);
        assertThatThrownBy(() -> new ForgetSetSpec.RandomCount(0))
                .isInstanceOf(ForgetSetException.class).hasMessageContaining("not positive");
    }

    @Test
    void exponentWithoutPointThatIsNotAFraction() {
        assertThatThrownBy(() -> ForgetSetParser.parse("random:5e2"))
                .hasMessageContaining("neither a fraction").hasMessageContaining("random:500");
    }

    @Test
    void negativeNumbers() {
        assertThatThrownBy(() -> ForgetSetParser.parse("class:-3"))
                .isInstanceOf(ForgetSetException.class)
                .hasMessageContaining("'class:-3'")
                .hasMessageContaining("class index -3 is negative");
        assertThatThrownBy(() -> ForgetSetParser.parse("samples:4,-1"))
                .hasMessageContaining("sample index -1 is negative");
        assertThatThrownBy(() -> ForgetSetParser.parse("random:-0.1"))
                .hasMessageContaining("'random:-0.1'").hasMessageContaining("-0.1 is negative");
        assertThatThrownBy(() -> ForgetSetSpec.samples(-2))
                .isInstanceOf(ForgetSetException.class).hasMessageContaining("-2 is negative");
    }

    @Test
    void numbersTooLarge() {
        assertThatThrownBy(() -> ForgetSetParser.parse("samples:99999999999"))
                .hasMessageContaining("99999999999 is too large");
        assertThatThrownBy(() -> ForgetSetParser.parse("random:99999999999"))
                .hasMessageContaining("count 99999999999 is too large");
    }

    @Test
    void indexFilePathsThatCouldNotRoundTripAreRejected() {
        assertThatThrownBy(() -> new ForgetSetSpec.IndexFile(Path.of("a+class:3.txt")))
                .isInstanceOf(ForgetSetException.class).hasMessageContaining("another term");
    }

    @Test
    void unionNeedsTwoParts() {
        assertThatThrownBy(() -> new ForgetSetSpec.Union(List.of(ForgetSetSpec.classes(1))))
                .isInstanceOf(ForgetSetException.class).hasMessageContaining("at least two terms");
    }

    @Test
    void relativeIndexFilesResolveAgainstABaseFolder() {
        ForgetSetSpec spec = ForgetSetParser.parse("class:1+indices:lists/f.txt+indices:/abs/g.txt");
        ForgetSetSpec resolved = spec.resolveFilesAgainst(Path.of("/scenarios"));
        assertThat(resolved).isEqualTo(ForgetSetSpec.union(ForgetSetSpec.classes(1),
                new ForgetSetSpec.IndexFile(Path.of("/scenarios/lists/f.txt")),
                new ForgetSetSpec.IndexFile(Path.of("/abs/g.txt"))));
    }
}
