package org.lethe.engine.model;

import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The number of CPU threads ND4J uses for one operation, settable at runtime (ND4J 1.0.0-M2.1).
 *
 * <p>Three knobs exist and {@link #set} turns all of them: the OpenMP team size of libnd4j's own
 * loops ({@code NativeOps.setOmpNumThreads}), libnd4j's environment limits
 * ({@code Nd4j.getEnvironment().setMaxThreads/setMaxMasterThreads}, which cap the per-op thread
 * pool), and the BLAS library's thread count ({@code Blas.setMaxThreads}, OpenBLAS). The
 * {@code OMP_NUM_THREADS} environment variable only sets the starting value. Results are
 * bit-reproducible only at a fixed thread count (reductions change order).
 *
 * <p>Measured (M2.1, 2 vCPUs): the OpenMP and BLAS settings take effect immediately in both
 * directions (a LeNet batch changes speed at once); the environment's {@code maxThreads} keeps its
 * start-up value and {@code maxMasterThreads} can be lowered but not raised above it, so a JVM
 * started with {@code OMP_NUM_THREADS=1} runs its own loops with one thread even after
 * {@code set(2)} while OpenMP/BLAS kernels use two.
 *
 * <p>OpenMP's team size is a per-thread setting: {@code omp_set_num_threads} changes it for the
 * calling thread only, and every other thread starts from the process-wide default (the number of
 * CPUs, or {@code OMP_NUM_THREADS}). Networks therefore call {@link #bindCurrentThread()} before
 * they compute, so training on a job thread or a data-parallel worker uses the configured size.
 *
 * <p>The thread count is spent in one of two ways ({@link Parallelism}): inside each operation, or,
 * for training, on single-threaded network copies that share each batch ({@link #trainingWorkers()}).
 */
public final class EngineThreads {

    private static final Logger LOG = LoggerFactory.getLogger(EngineThreads.class);

    private EngineThreads() {
    }

    private static int workers = 1;
    /** The OpenMP team size threads should use, 0 until {@link #set} is first called. */
    private static volatile int nativeThreads;
    /** The team size the owning thread has set for itself, 0 if none. */
    private static final ThreadLocal<int[]> BOUND = ThreadLocal.withInitial(() -> new int[1]);
    private static Parallelism parallelism = Parallelism.INTRA_OP;

    /** Uses {@code threads} threads in the {@link #defaultParallelism() default} way from now on. */
    public static void set(int threads) {
        set(threads, defaultParallelism());
    }

    /**
     * Uses {@code threads} threads from now on: inside each operation ({@link Parallelism#INTRA_OP}),
     * or as {@code threads} training workers whose operations each run on one thread
     * ({@link Parallelism#DATA_PARALLEL}).
     */
    public static synchronized void set(int threads, Parallelism mode) {
        if (threads < 1 || threads > 1024) {
            throw new IllegalArgumentException("thread count must be in [1, 1024], was " + threads);
        }
        parallelism = java.util.Objects.requireNonNull(mode, "mode");
        workers = mode == Parallelism.DATA_PARALLEL ? threads : 1;
        setNative(mode == Parallelism.DATA_PARALLEL ? 1 : threads);
    }

    /**
     * How many network copies share each training batch: the thread count in
     * {@link Parallelism#DATA_PARALLEL} mode, otherwise 1.
     */
    public static synchronized int trainingWorkers() {
        return workers;
    }

    /** The mode set last ({@link Parallelism#INTRA_OP} until {@link #set} is called). */
    public static synchronized Parallelism parallelism() {
        return parallelism;
    }

    /**
     * The mode Lethe uses unless told otherwise: system property {@code lethe.parallelism}, else
     * environment variable {@code LETHE_PARALLELISM} ({@code intra-op} or {@code data-parallel}), else
     * {@link Parallelism#INTRA_OP}, the faster of the two on an idle machine (ADR 0009).
     */
    public static Parallelism defaultParallelism() {
        String configured = System.getProperty("lethe.parallelism", System.getenv("LETHE_PARALLELISM"));
        if (configured != null && !configured.isBlank()) {
            try {
                return Parallelism.fromId(configured);
            } catch (IllegalArgumentException e) {
                LOG.warn("ignoring lethe.parallelism={} ({})", configured, e.getMessage());
            }
        }
        return Parallelism.INTRA_OP;
    }

    /**
     * Gives the calling thread the OpenMP team size set last: a no-op when it already has it or when
     * nothing was set. Without this, a thread other than the one that called {@link #set} runs
     * oneDNN and OpenMP kernels with the process default (on a 2-CPU machine, two threads per
     * operation under a data-parallel worker or a one-thread setting).
     */
    public static void bindCurrentThread() {
        int threads = nativeThreads;
        int[] bound = BOUND.get();
        if (threads > 0 && bound[0] != threads) {
            NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(threads);
            bound[0] = threads;
        }
    }

    private static void setNative(int threads) {
        Nd4j.getBackend(); // loads the backend's properties, which NativeOpsHolder needs
        NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(threads);
        BOUND.get()[0] = threads;
        nativeThreads = threads;
        Nd4j.getEnvironment().setMaxThreads(threads);
        Nd4j.getEnvironment().setMaxMasterThreads(threads);
        Nd4j.factory().blas().setMaxThreads(threads);
        LOG.info("ND4J threads per operation set to {}", threads);
    }

    /** The current setting as libnd4j reports it: {@code [ompMaxThreads, envMaxThreads, envMaxMasterThreads, blas]}. */
    public static int[] current() {
        return new int[] {NativeOpsHolder.getInstance().getDeviceNativeOps().ompGetMaxThreads(), Nd4j.getEnvironment().maxThreads(),
                Nd4j.getEnvironment().maxMasterThreads(), Nd4j.factory().blas().getMaxThreads()};
    }

    /**
     * The thread count Lethe uses unless told otherwise: system property {@code lethe.threads}, else
     * environment variable {@code LETHE_THREADS}, else half the available cores (at least one).
     * OpenMP teams stall whenever another thread takes one of their cores, so leaving cores for the
     * UI and the JVM was faster here (one thread beat two on a 2-core machine).
     */
    public static int defaultCount() {
        String configured = System.getProperty("lethe.threads", System.getenv("LETHE_THREADS"));
        if (configured != null && !configured.isBlank()) {
            try {
                return Math.max(1, Integer.parseInt(configured.trim()));
            } catch (NumberFormatException e) {
                LOG.warn("ignoring lethe.threads={} (not a number)", configured);
            }
        }
        return Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    }

    /**
     * A short description of the native backend, e.g. "nd4j-native AVX512 onednn", from the native
     * library's build information.
     */
    public static String backendDescription() {
        Nd4j.getBackend();
        String info = NativeOpsHolder.getInstance().getDeviceNativeOps().buildInfo();
        StringBuilder b = new StringBuilder("nd4j-native");
        String upper = info == null ? "" : info.toUpperCase(java.util.Locale.ROOT);
        if (upper.contains("AVX512")) {
            b.append(" avx512");
        } else if (upper.contains("AVX2")) {
            b.append(" avx2");
        }
        if (upper.contains("ONEDNN") || upper.contains("MKLDNN")) {
            b.append(" onednn");
        }
        return b.toString();
    }
}
