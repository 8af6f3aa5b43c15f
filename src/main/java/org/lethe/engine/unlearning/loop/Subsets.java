package org.lethe.engine.unlearning.loop;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.lethe.engine.data.IndexView;

/** Seeded random subsets of views, e.g. the share of the retain set a method revisits per epoch. */
public final class Subsets {

    private Subsets() {
    }

    /**
     * A random {@code fraction} of {@code view} (at least one sample), drawn without replacement;
     * the whole view when {@code fraction >= 1}.
     */
    public static IndexView sample(IndexView view, double fraction, SplittableRandom random) {
        if (fraction >= 1 || view.isEmpty()) {
            return view;
        }
        return draw(view, Math.max(1, (int) Math.round(fraction * view.size())), random);
    }

    /**
     * {@code count} samples of {@code view} drawn at random without replacement (in index order); the
     * whole view, drawing nothing from {@code random}, when {@code count >= view.size()}.
     */
    public static IndexView take(IndexView view, int count, SplittableRandom random) {
        if (count < 0) {
            throw new IllegalArgumentException("sample count must be >= 0, was " + count);
        }
        return count >= view.size() ? view : draw(view, count, random);
    }

    private static IndexView draw(IndexView view, int k, SplittableRandom random) {
        int n = view.size();
        int[] indices = view.toArray();
        for (int i = 0; i < k; i++) {
            int j = i + random.nextInt(n - i);
            int t = indices[i];
            indices[i] = indices[j];
            indices[j] = t;
        }
        int[] chosen = Arrays.copyOf(indices, k);
        Arrays.sort(chosen);
        return new IndexView(view.split(), chosen, view.tag() + "-sample");
    }
}
