package org.lethe.reliability;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.lethe.engine.LetheException;

/**
 * Runs fuzz cases and sorts their outcomes. A case passes when the loader either returns data
 * that the case's check calls valid, or throws a {@link LetheException} whose message names the
 * damaged file. Everything else is a failure: another exception type, an {@link Error} (e.g.
 * {@link OutOfMemoryError}), a case that runs longer than the time limit (a hang), one that
 * allocates more heap than the allocation limit (a lying header trusted before it was checked),
 * or a successful load of data the check rejects.
 *
 * <p>Cases run one at a time on a worker thread, so a hang can be detected and the heap a case
 * allocates can be measured with the thread's allocation counter.
 */
public final class FuzzRunner implements AutoCloseable {

    /** A case that did not end as it should. */
    public record Failure(String format, String mutation, String problem) {

        @Override
        public String toString() {
            return "[" + format + "] " + mutation + " -> " + problem;
        }
    }

    private final String format;
    private final long timeoutMillis;
    private final long allocationLimit;
    private ExecutorService worker = newWorker();
    private final List<Failure> failures = new ArrayList<>();
    private final Map<String, Integer> outcomes = new LinkedHashMap<>();
    private int cases;
    private int loaded;
    private int rejected;
    private Function<String, String> messageCheck = message -> null;

    /**
     * A runner for one format.
     *
     * @param format a label for reports
     * @param timeoutMillis a case running longer counts as a hang
     * @param allocationLimit a case allocating more heap bytes than this is a failure
     */
    public FuzzRunner(String format, long timeoutMillis, long allocationLimit) {
        this.format = format;
        this.timeoutMillis = timeoutMillis;
        this.allocationLimit = allocationLimit;
    }

    /**
     * An extra rule for error messages, on top of naming the file: returns null when a message is
     * fine, else what is wrong with it (e.g. it shows a temporary path the user never saw).
     */
    public void setMessageCheck(Function<String, String> check) {
        this.messageCheck = java.util.Objects.requireNonNull(check, "check");
    }

    /**
     * Runs one case.
     *
     * @param mutation what was done to the input, for failure reports
     * @param fileName text the error message must contain (the damaged file's name)
     * @param load reads the damaged input
     * @param check returns null when loaded data looks valid, else why not
     */
    public <T> void run(String mutation, String fileName, Callable<T> load, Function<T, String> check) {
        cases++;
        Future<Outcome<T>> future = worker.submit(() -> measure(load));
        Outcome<T> outcome;
        try {
            outcome = future.get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            // the stuck thread cannot be stopped; later cases get a fresh one
            worker.shutdownNow();
            worker = newWorker();
            fail(mutation, "no result within " + timeoutMillis + " ms (hang?)");
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            fail(mutation, "harness error: " + e.getCause());
            return;
        }
        if (outcome.allocated() > allocationLimit) {
            fail(mutation, "allocated " + outcome.allocated() / (1 << 20) + " MiB of heap, limit "
                    + allocationLimit / (1 << 20) + " MiB (" + describe(outcome) + ")");
            return;
        }
        Throwable thrown = outcome.thrown();
        if (thrown == null) {
            String problem;
            try {
                problem = check.apply(outcome.value());
            } catch (RuntimeException e) {
                problem = "check of the loaded data threw " + e;
            }
            if (problem != null) {
                fail(mutation, "loaded without error but " + problem);
            } else {
                loaded++;
                count("loaded");
            }
            return;
        }
        if (thrown instanceof LetheException) {
            String message = thrown.getMessage();
            if (message == null || !message.contains(fileName)) {
                fail(mutation, thrown.getClass().getSimpleName() + " does not name " + fileName + ": " + message);
                return;
            }
            String wrong = messageCheck.apply(message);
            if (wrong != null) {
                fail(mutation, thrown.getClass().getSimpleName() + " message " + wrong + ": " + message);
                return;
            }
            rejected++;
            count(thrown.getClass().getSimpleName());
            if (Boolean.getBoolean("lethe.fuzz.verbose")) {
                System.out.println("[" + format + "] " + mutation + " -> " + message);
            }
            return;
        }
        fail(mutation, "threw " + thrown.getClass().getName() + ": " + thrown.getMessage() + " at "
                + firstFrame(thrown));
    }

    private static ExecutorService newWorker() {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "fuzz-worker");
            t.setDaemon(true);
            return t;
        });
    }

    private static String describe(Outcome<?> outcome) {
        return outcome.thrown() == null ? "loaded" : outcome.thrown().toString();
    }

    private static String firstFrame(Throwable t) {
        StackTraceElement[] trace = t.getStackTrace();
        for (StackTraceElement e : trace) {
            if (e.getClassName().startsWith("org.lethe")) {
                return e.toString();
            }
        }
        return trace.length == 0 ? "?" : trace[0].toString();
    }

    private void fail(String mutation, String problem) {
        failures.add(new Failure(format, mutation, problem));
        count("FAILED");
    }

    private void count(String key) {
        outcomes.merge(key, 1, Integer::sum);
    }

    private record Outcome<T>(T value, Throwable thrown, long allocated) {
    }

    private static <T> Outcome<T> measure(Callable<T> load) {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(id);
        try {
            T value = load.call();
            return new Outcome<>(value, null, threads.getThreadAllocatedBytes(id) - before);
        } catch (Throwable t) { // NOPMD - every throwable is an outcome to classify
            return new Outcome<>(null, t, threads.getThreadAllocatedBytes(id) - before);
        }
    }

    /** Number of cases run. */
    public int cases() {
        return cases;
    }

    /** Cases that loaded valid-looking data. */
    public int loaded() {
        return loaded;
    }

    /** Cases rejected with a clear domain error. */
    public int rejected() {
        return rejected;
    }

    /** The failures, in order. */
    public List<Failure> failures() {
        return List.copyOf(failures);
    }

    /** Outcome counts by kind (exception class, "loaded", "FAILED"). */
    public Map<String, Integer> outcomes() {
        return Map.copyOf(outcomes);
    }

    /** One line: format, cases, loaded, rejected by exception type, failures. */
    public String summary() {
        return format + ": " + cases + " cases, " + loaded + " loaded, " + rejected + " rejected, "
                + failures.size() + " failed " + outcomes;
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
