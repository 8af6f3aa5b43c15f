package org.lethe.engine.experiment.study;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.lethe.engine.LetheException;
import org.lethe.engine.data.DatasetCatalog;
import org.lethe.engine.data.ImageDataset;
import org.lethe.engine.data.IndexView;
import org.lethe.engine.job.JobContext;
import org.lethe.engine.model.Architecture;
import org.lethe.engine.model.ModelSpec;
import org.lethe.engine.model.optim.OptimizerConfig;
import org.lethe.engine.unlearning.sisa.Aggregation;
import org.lethe.engine.unlearning.sisa.ShardAssignment;
import org.lethe.engine.unlearning.sisa.ShardingMode;
import org.lethe.engine.unlearning.sisa.SisaConfig;
import org.lethe.engine.unlearning.sisa.SisaEnsemble;
import org.lethe.engine.unlearning.sisa.SisaUnlearnResult;

/**
 * The {@code sisa-shards} study: sweeps one SISA setting (number of shards, constituent model,
 * sharding mode, or number of unlearning requests) with the others fixed, and for each value and
 * seed trains an ensemble, measures its test accuracy, then serves the requests one after the other
 * (each deletes one training point drawn at random with the seed, the same points for every value)
 * and times each.
 *
 * <p>The baseline is what SISA saves: retraining one model ({@code S = 1}, {@code R = 1}, the same
 * architecture, epochs, batch size and learning rate, the same training code) from scratch on the
 * training data without the first deleted point, timed once per model and seed. The speed-up is
 * that time over the mean time SISA took per request. Rows give means over seeds (and the standard
 * deviation of the accuracy).
 */
public final class SisaStudy implements Study<SisaStudySettings> {

    /** The study kind. */
    public static final String KIND = "sisa-shards";

    private static final long REQUEST_STREAM = 0x5151A5EEDL;

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public String summary() {
        return "SISA: accuracy and retraining speed-up per request as shards, model, sharding mode or number of "
                + "requests vary";
    }

    @Override
    public Class<SisaStudySettings> settingsType() {
        return SisaStudySettings.class;
    }

    /** The settings of one row, after the swept value is put in. */
    private record Point(int shards, Architecture model, ShardingMode sharding, int requests) { }

    /** What one (row, seed) run measured. */
    private record Run(double accuracy, double accuracyAfter, double trainSeconds, double retrainSeconds,
                       double retrainCpu, int shardsTouched, double fullSeconds, double fullCpu, double fullAccuracy) { }

    /** The single-model baseline of one (model, seed): wall and CPU seconds, accuracy. */
    private record Baseline(double seconds, double cpu, double accuracy) { }

    @Override
    public StudyReport run(StudySpec spec, SisaStudySettings settings, DatasetCatalog catalog, JobContext ctx) {
        ctx.progress(0, "loading " + spec.dataset());
        ImageDataset loaded = catalog.load(spec.dataset(), ctx.slice(0, 0.02));
        ImageDataset data = spec.trainLimit() == null ? loaded : loaded.limitTrain(spec.trainLimit());
        IndexView train = data.train().all("train");
        IndexView allTest = data.test().all("test");
        IndexView test = settings.testLimit() == null || settings.testLimit() >= allTest.size() ? allTest
                : new IndexView(data.test(), Arrays.copyOf(allTest.toArray(), settings.testLimit()), "test");
        Aggregation aggregation = SisaStudySettings.aggregation(settings.aggregation());
        int maxRequests = settings.sweep().equals("requests")
                ? settings.values().stream().mapToInt(SisaStudySettings::wholeNumber).max().orElseThrow()
                : settings.requests();
        if (maxRequests > train.size()) {
            throw new LetheException("sisa-shards: " + maxRequests + " requests for only " + train.size()
                    + " training images");
        }

        StudyReport.Builder report = StudyReport.builder(spec);
        String sweep = settings.sweep();
        boolean numeric = sweep.equals("shards") || sweep.equals("requests");
        report.column(sweep, sweep, 0)
                .column("pointsPerShard", "points per shard", 0)
                .column("accuracy", "test accuracy %", 2)
                .column("accuracyStd", "± std", 2)
                .column("accuracyAfter", "after requests %", 2)
                .column("fullAccuracy", "single model %", 2)
                .column("trainSeconds", "training s", 2)
                .column("retrainSeconds", "retrain s / request", 3)
                .column("fullRetrainSeconds", "full retrain s", 2)
                .column("retrainCpuSeconds", "retrain CPU s / request", 3)
                .column("fullRetrainCpuSeconds", "full retrain CPU s", 2)
                .column("speedup", "speed-up (CPU)", 2)
                .column("speedupWall", "speed-up (wall)", 2)
                .column("shardsTouched", "shards touched", 1)
                .column("shardsTouchedExpected", "expected", 1);

        Map<String, Baseline> baselines = new HashMap<>();
        List<List<Run>> runsPerValue = new ArrayList<>();
        settings.values().forEach(v -> runsPerValue.add(new ArrayList<>()));
        if (sweep.equals("requests")) {
            // the rows' request sequences are prefixes of one sequence: serve the longest once per seed and read
            // each row's numbers off after its K-th request (training is deterministic, so this is what separate
            // runs would measure)
            int[] counts = settings.values().stream().mapToInt(SisaStudySettings::wholeNumber).toArray();
            Point point = point(settings, sweep, String.valueOf(maxRequests));
            for (int i = 0; i < spec.seeds().size(); i++) {
                long seed = spec.seeds().get(i);
                ctx.checkCancelled();
                ctx.listener().log(String.format(Locale.ROOT, "requests up to %d, seed %d", maxRequests, seed));
                List<Run> perCount = runSeed(data, train, test, settings, point, aggregation, seed, counts, baselines,
                        ctx.slice(0.02 + 0.98 * i / spec.seeds().size(), 0.02 + 0.98 * (i + 1) / spec.seeds().size()));
                for (int v = 0; v < counts.length; v++) {
                    runsPerValue.get(v).add(perCount.get(v));
                }
            }
        } else {
            int units = settings.values().size() * spec.seeds().size();
            int unit = 0;
            for (int v = 0; v < settings.values().size(); v++) {
                String value = settings.values().get(v);
                Point point = point(settings, sweep, value);
                for (long seed : spec.seeds()) {
                    ctx.checkCancelled();
                    JobContext unitCtx = ctx.slice(0.02 + 0.98 * unit / units, 0.02 + 0.98 * (unit + 1) / units);
                    unitCtx.listener().log(String.format(Locale.ROOT, "%s = %s, seed %d", sweep, value, seed));
                    runsPerValue.get(v).add(runSeed(data, train, test, settings, point, aggregation, seed,
                            new int[] {point.requests()}, baselines, unitCtx).get(0));
                    unit++;
                }
            }
        }
        for (int v = 0; v < settings.values().size(); v++) {
            String value = settings.values().get(v);
            report.row(row(sweep, numeric ? (Object) SisaStudySettings.wholeNumber(value) : value,
                    point(settings, sweep, value), train.size(), runsPerValue.get(v)));
        }
        if (numeric) {
            report.chart(new StudyChart("accuracy", "Test accuracy over " + sweep, sweep, sweep,
                    List.of("accuracy", "accuracyAfter", "fullAccuracy"), "test accuracy %", false));
            report.chart(new StudyChart("speedup", "Retraining speed-up per request over " + sweep, sweep, sweep,
                    List.of("speedup", "speedupWall"), "speed-up (x)", false));
        }
        notes(report, settings, aggregation);
        ctx.progress(1, "done");
        return report.build();
    }

    private static Point point(SisaStudySettings s, String sweep, String value) {
        return switch (sweep) {
            case "shards" -> new Point(SisaStudySettings.wholeNumber(value), SisaStudySettings.architecture(s.model()),
                    SisaStudySettings.shardingMode(s.sharding()), s.requests());
            case "model" -> new Point(s.shards(), SisaStudySettings.architecture(value),
                    SisaStudySettings.shardingMode(s.sharding()), s.requests());
            case "sharding" -> new Point(s.shards(), SisaStudySettings.architecture(s.model()),
                    SisaStudySettings.shardingMode(value), s.requests());
            default -> new Point(s.shards(), SisaStudySettings.architecture(s.model()),
                    SisaStudySettings.shardingMode(s.sharding()), SisaStudySettings.wholeNumber(value));
        };
    }

    /**
     * Trains one ensemble for {@code seed}, serves {@code max(counts)} requests one after the other, and
     * returns the numbers as they stand after the {@code counts[i]}-th request, for each i.
     */
    private List<Run> runSeed(ImageDataset data, IndexView train, IndexView test, SisaStudySettings s, Point p,
                              Aggregation aggregation, long seed, int[] counts, Map<String, Baseline> baselines,
                              JobContext ctx) {
        ModelSpec spec = ModelSpec.defaults(p.model(), data.shape(), data.numClasses()).withSeed(seed);
        SisaConfig config = new SisaConfig(p.shards(), s.slices(), s.epochs(), s.batchSize(), OptimizerConfig.adam(0),
                s.lr(), p.sharding(), aggregation, seed, 1);
        int total = Arrays.stream(counts).max().orElseThrow();
        int[] points = requestPoints(train, total, seed);

        long t0 = System.nanoTime();
        SisaEnsemble ensemble = SisaEnsemble.train(train, spec, config, ctx.slice(0, 0.4));
        double trainSeconds = (System.nanoTime() - t0) / 1e9;
        double accuracy = 100 * ensemble.accuracy(test);

        String key = p.model().id() + "/" + seed;
        Baseline baseline = baselines.get(key);
        if (baseline == null) {
            baseline = baseline(train, test, spec, s, seed, points[0], ctx.slice(0.4, 0.6));
            baselines.put(key, baseline);
        }

        Map<Integer, Run> atCount = new HashMap<>();
        double retrainSeconds = 0;
        double retrainCpu = 0;
        BitSet touched = new BitSet();
        for (int r = 0; r < total; r++) {
            ctx.checkCancelled();
            long cpu0 = processCpuNanos();
            SisaUnlearnResult result = ensemble.unlearn(new int[] {points[r]},
                    ctx.slice(0.6 + 0.4 * r / total, 0.6 + 0.4 * (r + 1) / total));
            retrainCpu += (processCpuNanos() - cpu0) / 1e9;
            retrainSeconds += result.seconds();
            result.retrainedShards().forEach(touched::set);
            int served = r + 1;
            if (Arrays.stream(counts).anyMatch(c -> c == served)) {
                atCount.put(served, new Run(accuracy, 100 * ensemble.accuracy(test), trainSeconds,
                        retrainSeconds / served, retrainCpu / served, touched.cardinality(), baseline.seconds(),
                        baseline.cpu(), baseline.accuracy()));
            }
        }
        ctx.progress(1, "seed " + seed + " done");
        return Arrays.stream(counts).mapToObj(atCount::get).toList();
    }

    /** Retrains one model from scratch on the training data without {@code deleted}, with SISA's own trainer. */
    private static Baseline baseline(IndexView train, IndexView test, ModelSpec spec, SisaStudySettings s, long seed,
                                     int deleted, JobContext ctx) {
        SisaConfig single = new SisaConfig(1, 1, s.epochs(), s.batchSize(), OptimizerConfig.adam(0), s.lr(),
                ShardingMode.RANDOM, Aggregation.VOTE, seed, 1);
        int[] all = train.toArray();
        long t0 = System.nanoTime();
        long cpu0 = processCpuNanos();
        SisaEnsemble model = SisaEnsemble.train(train.split(), new ShardAssignment(new int[][] {all}),
                new int[] {deleted}, spec, single, ctx);
        double cpu = (processCpuNanos() - cpu0) / 1e9;
        double seconds = (System.nanoTime() - t0) / 1e9;
        return new Baseline(seconds, cpu, 100 * model.accuracy(test));
    }

    /**
     * CPU time of this whole process (all threads, native ones included), or -1 where the JVM cannot
     * tell. On a shared machine it measures the work done, which wall time does not.
     */
    private static long processCpuNanos() {
        if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }

    /** {@code count} distinct training points in a seeded random order: the same prefix for every row. */
    static int[] requestPoints(IndexView train, int count, long seed) {
        int[] indices = train.toArray();
        SplittableRandom random = new SplittableRandom(seed ^ REQUEST_STREAM);
        for (int i = 0; i < count; i++) {
            int j = i + random.nextInt(indices.length - i);
            int t = indices[i];
            indices[i] = indices[j];
            indices[j] = t;
        }
        return Arrays.copyOf(indices, count);
    }

    private static Map<String, Object> row(String sweep, Object value, Point p, int trainSize, List<Run> runs) {
        double[] acc = runs.stream().mapToDouble(Run::accuracy).toArray();
        double meanAcc = mean(acc);
        double var = 0;
        for (double a : acc) {
            var += (a - meanAcc) * (a - meanAcc);
        }
        double std = acc.length > 1 ? Math.sqrt(var / (acc.length - 1)) : 0;
        double retrain = runs.stream().mapToDouble(Run::retrainSeconds).average().orElse(Double.NaN);
        double full = runs.stream().mapToDouble(Run::fullSeconds).average().orElse(Double.NaN);
        double retrainCpu = runs.stream().mapToDouble(Run::retrainCpu).average().orElse(Double.NaN);
        double fullCpu = runs.stream().mapToDouble(Run::fullCpu).average().orElse(Double.NaN);
        Map<String, Object> row = new LinkedHashMap<>();
        row.put(sweep, value);
        row.put("pointsPerShard", (double) trainSize / p.shards());
        row.put("accuracy", meanAcc);
        row.put("accuracyStd", std);
        row.put("accuracyAfter", runs.stream().mapToDouble(Run::accuracyAfter).average().orElse(Double.NaN));
        row.put("fullAccuracy", runs.stream().mapToDouble(Run::fullAccuracy).average().orElse(Double.NaN));
        row.put("trainSeconds", runs.stream().mapToDouble(Run::trainSeconds).average().orElse(Double.NaN));
        row.put("retrainSeconds", retrain);
        row.put("fullRetrainSeconds", full);
        row.put("retrainCpuSeconds", retrainCpu);
        row.put("fullRetrainCpuSeconds", fullCpu);
        row.put("speedup", fullCpu / retrainCpu);
        row.put("speedupWall", full / retrain);
        row.put("shardsTouched", runs.stream().mapToInt(Run::shardsTouched).average().orElse(Double.NaN));
        row.put("shardsTouchedExpected", p.shards() * (1 - Math.pow(1 - 1.0 / p.shards(), p.requests())));
        return row;
    }

    private static double mean(double[] values) {
        return Arrays.stream(values).average().orElse(Double.NaN);
    }

    private static void notes(StudyReport.Builder report, SisaStudySettings s, Aggregation aggregation) {
        report.note(String.format(Locale.ROOT, "Fixed settings: %s; %d slice(s) per shard, epoch budget %d per shard, "
                        + "batch %d, Adam lr %s, %s aggregation.", fixed(s), s.slices(), s.epochs(), s.batchSize(),
                s.lr(), aggregation == Aggregation.VOTE ? "majority-vote" : "mean-probability"));
        report.note("Each request deletes one training point (drawn with the seed; the same points for every row) and "
                + "retrains only the shard that held it, from the last slice checkpoint that never saw the point. "
                + "'retrain s / request' is the mean wall time of one request; 'full retrain s' is the time to train "
                + "one model (1 shard, 1 slice, same architecture, epochs and trainer) from scratch without the "
                + "point; the CPU columns are the same spans in CPU seconds of the whole process, which measure the "
                + "work done whatever else the machine runs (the reference code also sums compute time); "
                + "'speed-up (CPU)' and 'speed-up (wall)' are the full retrain over one request. 'shards touched' counts the distinct shards retrained over all "
                + "requests; 'expected' is S(1 - (1 - 1/S)^K) for K uniform requests.");
        report.note("Accuracies are on " + (s.testLimit() == null ? "the whole test split" : "the first "
                + s.testLimit() + " test images") + ". 'test accuracy' is the ensemble before the requests (mean and standard deviation over seeds), "
                + "'after requests' after all of them, 'single model' the from-scratch baseline's accuracy.");
        boolean label = s.sharding().toLowerCase(Locale.ROOT).startsWith("label")
                || s.sharding().toLowerCase(Locale.ROOT).startsWith("by")
                || (s.sweep().equals("sharding") && s.values().stream().anyMatch(v -> v.toLowerCase(Locale.ROOT)
                        .contains("label")));
        if (label) {
            report.note("Label sharding gives each shard whole classes, so every constituent has only ever seen its "
                    + "own classes: majority vote is invalid there, since a constituent always votes for one of its "
                    + "own classes whatever the input, and the vote would count shards rather than evidence. The "
                    + "ensemble therefore averages each class's probability over only the shards that own that "
                    + "class (aggregation 'average').");
        }
        if (s.sweep().equals("sharding") || s.sharding().toLowerCase(Locale.ROOT).startsWith("k")) {
            report.note("k-means sharding is a balanced (capacity ⌈N/S⌉) k-means on raw pixels; its time is part of "
                    + "'training s'.");
        }
    }

    private static String fixed(SisaStudySettings s) {
        List<String> parts = new ArrayList<>();
        if (!s.sweep().equals("shards")) {
            parts.add(s.shards() + " shards");
        }
        if (!s.sweep().equals("model")) {
            parts.add("model " + s.model());
        }
        if (!s.sweep().equals("sharding")) {
            parts.add(s.sharding() + " sharding");
        }
        if (!s.sweep().equals("requests")) {
            parts.add(s.requests() + " request(s)");
        }
        return String.join(", ", parts);
    }
}
