package org.lethe.engine.unlearning.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.lethe.engine.data.DatasetFormat;
import org.lethe.engine.data.ImageDataset;
import org.lethe.engine.data.ImageSplit;
import org.lethe.engine.data.IndexView;
import org.lethe.engine.data.forget.ForgetSetSpec;
import org.lethe.engine.evaluation.Predictions;
import org.lethe.engine.job.JobContext;
import org.lethe.engine.model.BatchHook;
import org.lethe.engine.model.MnistTestData;
import org.lethe.engine.model.ModelProvenance;
import org.lethe.engine.model.ModelSpec;
import org.lethe.engine.model.TrainedModel;
import org.lethe.engine.model.Trainer;
import org.lethe.engine.model.TrainingConfig;
import org.lethe.engine.model.TrainingResult;
import org.lethe.engine.unlearning.DataSplits;
import org.lethe.engine.unlearning.MethodDescriptor;
import org.lethe.engine.unlearning.MethodRegistry;
import org.lethe.engine.unlearning.UnlearningResult;

/**
 * Manual tuning tool (not a unit test): {@code java ... MethodTuning <mlp|lenet> <method>[:k=v,k=v]...}.
 * Trains an original (mlp: the test fixture's setting, 1,200 digits, 8 Adam epochs; lenet: 5,000 digits,
 * 1 epoch), then runs the method with each given override set on "class:3" and "random:0.1" and prints
 * forget / retain / test accuracy, test accuracy on the classes not forgotten, and time.
 */
public final class MethodTuning {

    private MethodTuning() {
    }

    public static void main(String[] args) {
        String arch = args[0];
        boolean lenet = arch.equals("lenet");
        int n = lenet ? 5000 : 1200;
        ImageDataset data = new ImageDataset("MNIST-" + n, DatasetFormat.IDX,
                List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"), MnistTestData.train(n),
                MnistTestData.test(lenet ? 2000 : 500));
        ImageSplit train = data.train();
        ModelSpec spec = lenet ? ModelSpec.lenet() : ModelSpec.mlp(train.shape(), 10).withHiddenWidths(List.of(128));
        TrainingConfig config = lenet ? TrainingConfig.adam(1, 64, 1e-3, 5) : TrainingConfig.adam(8, 32, 2e-3, 5);
        TrainingResult r = new Trainer().train(spec, train.all("train"), null, config, BatchHook.NONE,
                JobContext.detached());
        ModelProvenance p = new ModelProvenance(spec, "train", new ObjectMapper().createObjectNode(), data.name(),
                data.sha256(), train.all("train").sha256(), train.count(), null, null, config, r.history(),
                r.seconds(), null, "2026-11-22T00:00:00Z");
        TrainedModel original = new TrainedModel(r.network(), p, r.epochOrders());
        MethodRegistry registry = MethodRegistry.standard();
        for (String spec2 : List.of("class:3", "random:0.1")) {
            DataSplits splits = DataSplits.of(data, ForgetSetSpec.parse(spec2).resolve(data, 1));
            System.out.printf(Locale.ROOT, "%s %s original: %s%n", arch, spec2, row(original, splits));
            for (int a = 1; a < args.length; a++) {
                String[] item = args[a].split(":", 2);
                MethodDescriptor<?> method = registry.byId(item[0]);
                Map<String, String> overrides = new LinkedHashMap<>();
                if (item.length > 1 && !item[1].isBlank()) {
                    for (String kv : item[1].split(",")) {
                        String[] parts = kv.split("=", 2);
                        overrides.put(parts[0], parts[1]);
                    }
                }
                UnlearningResult u = method.run(original, splits, MethodRegistry.params(method, overrides),
                        JobContext.detached());
                System.out.printf(Locale.ROOT, "  %-10s %-45s %s  %.2fs %s%n", item[0], overrides,
                        row(u.model(), splits), u.seconds(), u.figures());
            }
        }
    }

    private static String row(TrainedModel m, DataSplits s) {
        double f = acc(m, s.forget());
        double rt = acc(m, s.retain());
        Predictions t = Predictions.compute(m.network(), s.test());
        int[] y = t.labels();
        int[] yp = t.predicted();
        int[] forgetClasses = s.forget().countsPerClass(10);
        long other = 0;
        long otherOk = 0;
        boolean classForget = forgetClasses[3] == s.forget().size();
        for (int i = 0; i < y.length; i++) {
            if (!classForget || y[i] != 3) {
                other++;
                otherOk += y[i] == yp[i] ? 1 : 0;
            }
        }
        return String.format(Locale.ROOT, "F %5.1f R %5.1f T %5.1f Tother %5.1f", 100 * f, 100 * rt,
                100 * t.accuracy(), 100.0 * otherOk / other);
    }

    private static double acc(TrainedModel m, IndexView v) {
        return Predictions.compute(m.network(), v).accuracy();
    }
}
