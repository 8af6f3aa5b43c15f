import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.IntStream;
import org.lethe.engine.data.DatasetLoader;
import org.lethe.engine.data.ImageDataset;
import org.lethe.engine.data.IndexView;
import org.lethe.engine.job.JobContext;
import org.lethe.engine.model.Architecture;
import org.lethe.engine.model.BatchHook;
import org.lethe.engine.model.EngineThreads;
import org.lethe.engine.model.ModelSpec;
import org.lethe.engine.model.Trainer;
import org.lethe.engine.model.TrainingConfig;
import org.lethe.engine.model.TrainingResult;

/**
 * {@code lethe bench train} with the process's CPU time next to the wall time: one epoch of Adam
 * (lr 1e-3, batch 64) after a 20-batch warm-up, on MNIST (logreg, mlp, lenet) or the CIFAR-10 subset
 * (cifar-cnn, resnet8, resnet20). On a shared machine the CPU time of a single-threaded run is far
 * steadier than its wall time; bench/pytorch_train.py reports the same "cpuSeconds". Here
 * "cpuSeconds" is the process's CPU time during the timed epoch minus that of the JIT compiler
 * threads (still busy in a short run; "processCpuSeconds" includes them).
 *
 * <pre>
 * OMP_NUM_THREADS=1 java -Xmx1g -Dorg.bytedeco.javacpp.maxBytes=900M -Dorg.bytedeco.javacpp.maxPhysicalBytes=1400M \
 *     -cp target/lethe.jar bench/TrainCpu.java lenet [samples]
 * </pre>
 */
public final class TrainCpu {

    public static void main(String[] args) {
        Architecture architecture = Architecture.fromId(args.length > 0 ? args[0] : "lenet");
        EngineThreads.set(1);
        boolean cifar = architecture == Architecture.CIFAR_CNN || architecture.id().startsWith("resnet");
        Path data = Path.of(cifar ? "sample-data/cifar10/cifar-10-binary-subset.tar.gz" : "sample-data/mnist");
        ImageDataset dataset = new DatasetLoader().load(data, JobContext.detached());
        int n = args.length > 1 ? Math.min(Integer.parseInt(args[1]), dataset.train().count()) : dataset.train().count();
        ModelSpec spec = ModelSpec.defaults(architecture, dataset.shape(), dataset.numClasses()).withSeed(7);
        TrainingConfig config = TrainingConfig.adam(1, 64, 1e-3, 7);
        IndexView warm = new IndexView(dataset.train(), IntStream.range(0, Math.min(n, 20 * 64)).toArray(), "warmup");
        new Trainer().train(spec, warm, null, config, BatchHook.NONE, JobContext.detached());
        IndexView train = new IndexView(dataset.train(), IntStream.range(0, n).toArray(), "train");
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long gc0 = gcMillis();
        long jit0 = compilerThreadsCpuMillis();
        long thread0 = threads.getCurrentThreadCpuTime();
        long cpu0 = os.getProcessCpuTime();
        TrainingResult r = new Trainer().train(spec, train, null, config, BatchHook.NONE, JobContext.detached());
        double cpu = (os.getProcessCpuTime() - cpu0) / 1e9;
        double threadCpu = (threads.getCurrentThreadCpuTime() - thread0) / 1e9;
        long gc = gcMillis() - gc0;
        double jit = (compilerThreadsCpuMillis() - jit0) / 1e3;
        // the JIT compilers still work through the queue in a short run (more so in source-file mode,
        // where javac ran in this JVM): leave their time out, keep the training thread's, GC's and the
        // native libraries' threads'
        double work = cpu - jit;
        double wall = r.history().get(0).seconds();
        System.out.printf(Locale.ROOT, "{\"engine\": \"dl4j\", \"model\": \"%s\", \"threads\": 1, \"batchSize\": 64, "
                        + "\"samples\": %d, \"seconds\": %.3f, \"samplesPerSecond\": %.1f, \"cpuSeconds\": %.3f, "
                        + "\"cpuSamplesPerSecond\": %.1f, \"processCpuSeconds\": %.3f, \"jitCpuSeconds\": %.3f, "
                        + "\"trainingThreadCpuSeconds\": %.3f, \"gcMillis\": %d, \"meanLoss\": %.4f}%n",
                architecture.id(), n, wall, n / wall, work, n / work, cpu, jit, threadCpu, gc,
                r.history().get(0).meanLoss());
    }

    /** CPU milliseconds of the JIT compiler threads so far (Linux /proc; 0 elsewhere). */
    private static long compilerThreadsCpuMillis() {
        java.io.File[] tasks = new java.io.File("/proc/self/task").listFiles();
        long ticks = 0;
        for (java.io.File t : tasks == null ? new java.io.File[0] : tasks) {
            try {
                String comm = java.nio.file.Files.readString(t.toPath().resolve("comm")).trim();
                if (comm.startsWith("C1 Compiler") || comm.startsWith("C2 Compiler")) {
                    String stat = java.nio.file.Files.readString(t.toPath().resolve("stat"));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]);
                }
            } catch (java.io.IOException | RuntimeException e) {
                // a thread that ended meanwhile
            }
        }
        return ticks * 10; // USER_HZ = 100
    }

    private static long gcMillis() {
        long sum = 0;
        for (java.lang.management.GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            sum += Math.max(0, gc.getCollectionTime());
        }
        return sum;
    }
}
