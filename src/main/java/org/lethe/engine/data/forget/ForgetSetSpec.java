package org.lethe.engine.data.forget;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.lethe.engine.data.ImageDataset;

/**
 * What a user wants the model to forget, described independently of any dataset: whole classes,
 * listed sample indices, indices read from a file, a seeded random draw, or a union of these.
 *
 * <p>Every spec has one canonical text form ({@link #toText()}) in the grammar that
 * {@link ForgetSetParser} reads, so {@code ForgetSetSpec.parse(spec.toText()).equals(spec)}.
 * Indices always refer to the training split. {@link ForgetSetResolver} turns a spec into concrete
 * forget and retain index views.
 */
public sealed interface ForgetSetSpec
        permits ForgetSetSpec.Classes, ForgetSetSpec.Samples, ForgetSetSpec.IndexFile,
                ForgetSetSpec.RandomFraction, ForgetSetSpec.RandomCount, ForgetSetSpec.Union {

    /** The canonical text form, e.g. {@code class:3,5} or {@code class:3+random:0.1}. */
    String toText();

    /**
     * The same spec with relative index-file paths resolved against {@code baseDir} (a scenario
     * file's folder, say); specs without files are returned unchanged.
     */
    default ForgetSetSpec resolveFilesAgainst(Path baseDir) {
        return this;
    }

    /** Shorthand for {@link ForgetSetResolver#resolve(ForgetSetSpec, ImageDataset, long)}. */
    default ForgetSplit resolve(ImageDataset dataset, long seed) {
        return ForgetSetResolver.resolve(this, dataset, seed);
    }

    /** Parses the text form; shorthand for {@link ForgetSetParser#parse(String)}. */
    static ForgetSetSpec parse(String text) {
        return ForgetSetParser.parse(text);
    }

    /** Every sample of the listed classes ({@code class:3,5}). */
    static Classes classes(int... classes) {
        return new Classes(classes);
    }

    /** The listed training-split indices ({@code samples:12,45}). */
    static Samples samples(int... indices) {
        return new Samples(indices);
    }

    /** The union of the given specs ({@code a+b+c}). */
    static Union union(ForgetSetSpec... parts) {
        return new Union(List.of(parts));
    }

    /**
     * Every training sample whose label is one of {@code classes}.
     *
     * @param classes class indices, at least one, none negative; kept in the given order
     */
    record Classes(List<Integer> classes) implements ForgetSetSpec {

        /** Validates and copies the list. */
        public Classes {
            classes = checkedNumbers(classes, "class index", "class");
        }

        /** Convenience constructor from an int array. */
        public Classes(int... classes) {
            this(IntStream.of(classes).boxed().collect(Collectors.toList()));
        }

        @Override
        public String toText() {
            return "class:" + joined(classes);
        }
    }

    /**
     * The listed training-split indices.
     *
     * @param indices sample indices, at least one, none negative; kept in the given order
     */
    record Samples(List<Integer> indices) implements ForgetSetSpec {

        /** Validates and copies the list. */
        public Samples {
            indices = checkedNumbers(indices, "sample index", "samples");
        }

        /** Convenience constructor from an int array. */
        public Samples(int... indices) {
            this(IntStream.of(indices).boxed().collect(Collectors.toList()));
        }

        @Override
        public String toText() {
            return "samples:" + joined(indices);
        }
    }

    /**
     * Training-split indices read from a text file, one per line; blank lines and {@code #}
     * comments are allowed (see {@link IndexListFile}). The file is read when the spec is resolved.
     *
     * @param path the file; its text form must not start or end with whitespace nor contain
     *     {@code +KIND:}, so that the spec's text form reads back unchanged
     */
    record IndexFile(Path path) implements ForgetSetSpec {

        private static final Pattern NEXT_TERM = Pattern.compile("\\+\\s*[A-Za-z]+\\s*:");

        /** Validates the path. */
        public IndexFile {
            Objects.requireNonNull(path, "path");
            String text = path.toString();
            if (text.isBlank()) {
                throw new ForgetSetException("indices: needs a file path, found an empty one");
            }
            if (!text.strip().equals(text)) {
                throw new ForgetSetException("indices:" + text
                        + ": the path starts or ends with whitespace, which the spec text cannot keep");
            }
            if (NEXT_TERM.matcher(text).find()) {
                throw new ForgetSetException("indices:" + text
                        + ": the path contains '+KIND:', which reads as the start of another term");
            }
        }

        @Override
        public String toText() {
            return "indices:" + path;
        }

        @Override
        public ForgetSetSpec resolveFilesAgainst(Path baseDir) {
            return path.isAbsolute() ? this : new IndexFile(baseDir.resolve(path));
        }
    }

    /**
     * A seeded uniform random draw of {@code round(fraction * n)} training samples (at least one),
     * without replacement.
     *
     * @param fraction strictly between 0 and 1
     */
    record RandomFraction(double fraction) implements ForgetSetSpec {

        /** Validates the fraction. */
        public RandomFraction {
            if (!(fraction > 0.0 && fraction < 1.0)) {
                throw new ForgetSetException("random: fraction " + fraction
                        + " is outside (0, 1); expected e.g. random:0.1 for 10% of the training split");
            }
        }

        @Override
        public String toText() {
            String plain = BigDecimal.valueOf(fraction).stripTrailingZeros().toPlainString();
            return "random:" + (plain.contains(".") ? plain : plain + ".0");
        }
    }

    /**
     * A seeded uniform random draw of exactly {@code count} training samples, without replacement.
     *
     * @param count at least 1
     */
    record RandomCount(int count) implements ForgetSetSpec {

        /** Validates the count. */
        public RandomCount {
            if (count < 1) {
                throw new ForgetSetException("random: count " + count
                        + " is not positive; expected e.g. random:500 for 500 samples");
            }
        }

        @Override
        public String toText() {
            return "random:" + count;
        }
    }

    /**
     * The set union of two or more specs. Nested unions are flattened, so the parts are never
     * unions themselves. A random part's draw depends on the seed and on its position in
     * {@link #parts()}.
     *
     * @param parts at least two specs after flattening
     */
    record Union(List<ForgetSetSpec> parts) implements ForgetSetSpec {

        /** Flattens nested unions and checks there are at least two parts. */
        public Union {
            Objects.requireNonNull(parts, "parts");
            List<ForgetSetSpec> flat = new ArrayList<>();
            for (ForgetSetSpec part : parts) {
                Objects.requireNonNull(part, "union part");
                if (part instanceof Union inner) {
                    flat.addAll(inner.parts());
                } else {
                    flat.add(part);
                }
            }
            if (flat.size() < 2) {
                throw new ForgetSetException("a union needs at least two terms joined by '+', found "
                        + flat.size());
            }
            parts = List.copyOf(flat);
        }

        @Override
        public String toText() {
            return parts.stream().map(ForgetSetSpec::toText).collect(Collectors.joining("+"));
        }

        @Override
        public ForgetSetSpec resolveFilesAgainst(Path baseDir) {
            List<ForgetSetSpec> resolved = new ArrayList<>(parts.size());
            for (ForgetSetSpec part : parts) {
                resolved.add(part.resolveFilesAgainst(baseDir));
            }
            return new Union(resolved);
        }
    }

    private static List<Integer> checkedNumbers(List<Integer> values, String what, String kind) {
        Objects.requireNonNull(values, kind);
        if (values.isEmpty()) {
            throw new ForgetSetException(kind + ": the list is empty; expected at least one " + what
                    + ", e.g. " + kind + ":3");
        }
        for (Integer value : values) {
            if (value == null) {
                throw new ForgetSetException(kind + ": the list holds a missing " + what);
            }
            if (value < 0) {
                throw new ForgetSetException(kind + ": " + what + " " + value
                        + " is negative; indices start at 0");
            }
        }
        return List.copyOf(values);
    }

    private static String joined(List<Integer> values) {
        return values.stream().map(String::valueOf).collect(Collectors.joining(","));
    }
}
