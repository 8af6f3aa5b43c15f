package org.lethe.engine.data.forget;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import org.lethe.engine.data.ImageDataset;
import org.lethe.engine.data.ImageSplit;
import org.lethe.engine.data.IndexView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a {@link ForgetSetSpec} into a {@link ForgetSplit} over a dataset's training split.
 *
 * <p>A union selects every sample that any of its parts selects. Random parts draw uniformly
 * without replacement (a partial Fisher–Yates shuffle) from a {@link SplittableRandom} seeded by
 * mixing the seed with the part's position in the union, so the same spec and seed always give the
 * same indices, and two random parts of one union draw independently.
 */
public final class ForgetSetResolver {

    private static final Logger LOG = LoggerFactory.getLogger(ForgetSetResolver.class);
    private static final int CLASS_NAMES_SHOWN = 20;

    private ForgetSetResolver() {
    }

    /**
     * Resolves a spec.
     *
     * @param spec what to forget
     * @param dataset the dataset whose training split the indices refer to
     * @param seed the seed for random parts
     * @return the forget and retain views, both ascending
     * @throws ForgetSetException for a class or sample the dataset does not have, a random count
     *     larger than the training split, an unreadable index file, an empty result, or a result
     *     that takes the whole training split
     */
    public static ForgetSplit resolve(ForgetSetSpec spec, ImageDataset dataset, long seed) {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(dataset, "dataset");
        ImageSplit train = dataset.train();
        int n = train.count();
        String text = spec.toText();
        if (n == 0) {
            throw new ForgetSetException("forget set '" + text + "': the training split of " + dataset.name()
                    + " is empty, so there is nothing to forget");
        }
        boolean[] selected = new boolean[n];
        List<ForgetSetSpec> parts = spec instanceof ForgetSetSpec.Union union ? union.parts() : List.of(spec);
        for (int position = 0; position < parts.size(); position++) {
            select(parts.get(position), position, dataset, seed, selected);
        }
        int forgetCount = 0;
        for (boolean s : selected) {
            if (s) {
                forgetCount++;
            }
        }
        if (forgetCount == 0) {
            throw new ForgetSetException("forget set '" + text + "' selects no training samples of "
                    + dataset.name() + "; expected at least one");
        }
        if (forgetCount == n) {
            throw new ForgetSetException("forget set '" + text + "' selects all " + n + " training samples of "
                    + dataset.name() + "; nothing would be left to retain");
        }
        int[] forget = new int[forgetCount];
        int[] retain = new int[n - forgetCount];
        int f = 0;
        int r = 0;
        for (int i = 0; i < n; i++) {
            if (selected[i]) {
                forget[f++] = i;
            } else {
                retain[r++] = i;
            }
        }
        LOG.debug("forget set '{}' (seed {}): {} to forget, {} to retain", text, seed, forgetCount,
                n - forgetCount);
        return new ForgetSplit(new IndexView(train, forget, ForgetSplit.FORGET_TAG),
                new IndexView(train, retain, ForgetSplit.RETAIN_TAG), text, seed);
    }

    private static void select(ForgetSetSpec part, int position, ImageDataset dataset, long seed,
            boolean[] selected) {
        ImageSplit train = dataset.train();
        int n = train.count();
        if (part instanceof ForgetSetSpec.Classes classes) {
            boolean[] wanted = new boolean[dataset.numClasses()];
            for (int c : classes.classes()) {
                if (c >= dataset.numClasses()) {
                    throw new ForgetSetException("'" + part.toText() + "': class " + c + " is out of range; "
                            + describeClasses(dataset));
                }
                wanted[c] = true;
            }
            for (int i = 0; i < n; i++) {
                if (wanted[train.label(i)]) {
                    selected[i] = true;
                }
            }
        } else if (part instanceof ForgetSetSpec.Samples samples) {
            for (int index : samples.indices()) {
                if (index >= n) {
                    throw new ForgetSetException("'" + abbreviate(part.toText()) + "': sample index " + index
                            + " is out of range; the training split of " + dataset.name() + " has " + n
                            + " samples (0.." + (n - 1) + ")");
                }
                selected[index] = true;
            }
        } else if (part instanceof ForgetSetSpec.IndexFile file) {
            for (int index : IndexListFile.read(file.path(), n)) {
                selected[index] = true;
            }
        } else if (part instanceof ForgetSetSpec.RandomCount count) {
            if (count.count() > n) {
                throw new ForgetSetException("'" + part.toText() + "': asks for " + count.count()
                        + " random samples but the training split of " + dataset.name() + " has only " + n);
            }
            drawInto(count.count(), n, termSeed(seed, position), selected);
        } else if (part instanceof ForgetSetSpec.RandomFraction fraction) {
            int k = (int) Math.max(1L, Math.round(fraction.fraction() * n));
            drawInto(Math.min(k, n), n, termSeed(seed, position), selected);
        } else {
            throw new IllegalArgumentException("nested union in a union: " + part);
        }
    }

    /** Marks {@code k} distinct indices of {@code 0..n-1}, drawn uniformly by a partial shuffle. */
    private static void drawInto(int k, int n, long termSeed, boolean[] selected) {
        SplittableRandom random = new SplittableRandom(termSeed);
        int[] pool = new int[n];
        for (int i = 0; i < n; i++) {
            pool[i] = i;
        }
        for (int i = 0; i < k; i++) {
            int j = i + random.nextInt(n - i);
            int chosen = pool[j];
            pool[j] = pool[i];
            pool[i] = chosen;
            selected[chosen] = true;
        }
    }

    /**
     * The seed of the random part at {@code position}: the user's seed and the position pass through
     * a 64-bit finaliser, so nearby seeds or positions give unrelated streams.
     */
    static long termSeed(long seed, int position) {
        return mix64(seed ^ mix64(0x5EED_F0E7L + position));
    }

    private static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static String describeClasses(ImageDataset dataset) {
        List<String> names = dataset.classNames();
        String range = dataset.name() + " has classes 0.." + (names.size() - 1);
        boolean namesAreNumbers = true;
        for (int c = 0; c < names.size(); c++) {
            if (!names.get(c).equals(Integer.toString(c))) {
                namesAreNumbers = false;
                break;
            }
        }
        if (namesAreNumbers) {
            return range;
        }
        List<String> shown = new ArrayList<>();
        for (int c = 0; c < Math.min(names.size(), CLASS_NAMES_SHOWN); c++) {
            shown.add(c + "=" + names.get(c));
        }
        String list = String.join(", ", shown);
        if (names.size() > CLASS_NAMES_SHOWN) {
            list += ", ...";
        }
        return range + " (" + list + ")";
    }

    private static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }
}
