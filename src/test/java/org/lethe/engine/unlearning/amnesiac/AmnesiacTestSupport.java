package org.lethe.engine.unlearning.amnesiac;

import java.util.List;
import java.util.stream.IntStream;
import org.lethe.engine.data.ImageSplit;
import org.lethe.engine.data.IndexView;
import org.lethe.engine.model.Features;
import org.lethe.engine.model.ModelSpec;
import org.lethe.engine.model.Network;
import org.lethe.engine.model.Precision;
import org.lethe.engine.model.optim.FlatVectors;

/** Small helpers shared by the amnesiac tests. */
final class AmnesiacTestSupport {

    private AmnesiacTestSupport() {
    }

    static ModelSpec smallMlp(ImageSplit split, Precision precision) {
        return ModelSpec.mlp(split.shape(), 10).withHiddenWidths(List.of(16)).withPrecision(precision).withSeed(7);
    }

    static IndexView first(ImageSplit split, int n) {
        return new IndexView(split, IntStream.range(0, n).toArray(), "train");
    }

    static double[] params(Network net) {
        return FlatVectors.read(net.params());
    }

    static double maxAbsDiff(double[] a, double[] b) {
        if (a.length != b.length) {
            throw new AssertionError(a.length + " vs " + b.length);
        }
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]));
        }
        return m;
    }

    static double meanLoss(Network net, ImageSplit split, int[] idx) {
        double[] l = net.perSampleLoss(Features.of(split, idx, 0, idx.length, null),
                Features.labels(split, idx, 0, idx.length));
        double s = 0;
        for (double v : l) {
            s += v;
        }
        return s / l.length;
    }
}
