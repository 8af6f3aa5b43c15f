import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.lethe.engine.data.DatasetLoader;
import org.lethe.engine.data.ImageDataset;
import org.lethe.engine.job.CancellationToken;
import org.lethe.engine.job.JobContext;
import org.lethe.engine.job.ProgressListener;
import org.lethe.engine.model.Architecture;
import org.lethe.engine.model.Augmentation;
import org.lethe.engine.model.BatchHook;
import org.lethe.engine.model.EngineThreads;
import org.lethe.engine.model.EpochStats;
import org.lethe.engine.model.ModelSpec;
import org.lethe.engine.model.Trainer;
import org.lethe.engine.model.TrainingConfig;
import org.lethe.engine.model.TrainingResult;
import org.lethe.engine.model.optim.LrSchedule;
import org.lethe.engine.model.optim.OptimizerConfig;

/**
 * CIFAR-10 accuracy recipes on the bundled 5,000/1,000 subset: trains one configuration and prints
 * the test accuracy and time of every epoch, then one JSON summary line. Run from the repository
 * root after {@code mvn -q -o -DskipTests package}:
 *
 * <pre>
 * OMP_NUM_THREADS=1 java -Xmx1g -Dorg.bytedeco.javacpp.maxPhysicalBytes=1400M -Dorg.bytedeco.javacpp.maxBytes=900M \
 *     -cp 'target/classes:target/lib/*' bench/CifarAccuracy.java \
 *     --model resnet8 --epochs 30 --optimizer sgd --lr 0.05 --weight-decay 5e-4 --schedule cosine --augment
 * </pre>
 *
 * Options: --model (cifar-cnn, resnet8, resnet20), --batch-norm (cifar-cnn), --epochs, --batch-size,
 * --optimizer (sgd, adam), --lr, --momentum, --weight-decay, --schedule (constant, cosine),
 * --augment (crop with padding 4 and flips), --seed, --data (folder or archive).
 */
public final class CifarAccuracy {

    public static void main(String[] args) {
        String model = "cifar-cnn";
        boolean batchNorm = false;
        int epochs = 15;
        int batchSize = 64;
        String optimizer = "adam";
        double lr = 1e-3;
        double momentum = 0.9;
        double weightDecay = 0;
        String schedule = "constant";
        boolean augment = false;
        long seed = 1;
        String data = "sample-data/cifar10/cifar-10-binary-subset.tar.gz";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--model" -> model = args[++i];
                case "--batch-norm" -> batchNorm = true;
                case "--epochs" -> epochs = Integer.parseInt(args[++i]);
                case "--batch-size" -> batchSize = Integer.parseInt(args[++i]);
                case "--optimizer" -> optimizer = args[++i];
                case "--lr" -> lr = Double.parseDouble(args[++i]);
                case "--momentum" -> momentum = Double.parseDouble(args[++i]);
                case "--weight-decay" -> weightDecay = Double.parseDouble(args[++i]);
                case "--schedule" -> schedule = args[++i];
                case "--augment" -> augment = true;
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--data" -> data = args[++i];
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        EngineThreads.set(1);
        ImageDataset dataset = new DatasetLoader().load(Path.of(data), JobContext.detached());
        Architecture architecture = Architecture.fromId(model);
        ModelSpec spec = ModelSpec.defaults(architecture, dataset.shape(), dataset.numClasses()).withSeed(seed);
        if (batchNorm) {
            spec = spec.withBatchNorm(true);
        }
        OptimizerConfig opt = optimizer.equals("sgd") ? OptimizerConfig.sgd(momentum, weightDecay)
                : OptimizerConfig.adam(weightDecay);
        LrSchedule lrs = schedule.equals("cosine") ? new LrSchedule.Cosine(lr, epochs, 0) : LrSchedule.constant(lr);
        TrainingConfig config = new TrainingConfig(epochs, batchSize, opt, lrs, seed,
                augment ? Augmentation.cropAndFlip() : Augmentation.NONE);
        ProgressListener printer = new ProgressListener() {
            @Override
            public void log(String line) {
                System.out.println(line);
                System.out.flush();
            }
        };
        String label = String.format(Locale.ROOT, "%s%s %s lr %s wd %s %s%s bs %d seed %d", model,
                batchNorm ? "+bn" : "", optimizer, lr, weightDecay, schedule, augment ? " +aug" : "", batchSize, seed);
        System.out.println(label + " (" + spec.architecture().id() + ", batch norm " + spec.batchNorm() + ")");
        TrainingResult r = new Trainer().train(spec, dataset.train().all("train"), dataset.test().all("test"), config,
                BatchHook.NONE, new JobContext(printer, new CancellationToken()));
        List<String> accs = new ArrayList<>();
        double best = 0;
        int bestEpoch = 0;
        double seconds = 0;
        for (EpochStats e : r.history()) {
            accs.add(String.format(Locale.ROOT, "%.3f", e.testAccuracy()));
            seconds += e.seconds();
            if (e.testAccuracy() > best) {
                best = e.testAccuracy();
                bestEpoch = e.epoch() + 1;
            }
        }
        EpochStats last = r.history().get(r.history().size() - 1);
        System.out.printf(Locale.ROOT, "{\"config\":\"%s\",\"finalTest\":%.4f,\"bestTest\":%.4f,\"bestEpoch\":%d,"
                        + "\"finalTrain\":%.4f,\"trainSeconds\":%.1f,\"testPerEpoch\":[%s]}%n", label,
                last.testAccuracy(), best, bestEpoch, last.trainAccuracy(), seconds, String.join(",", accs));
    }
}
