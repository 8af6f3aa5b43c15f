package org.lethe.ui;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.lethe.engine.data.DatasetCatalog;
import org.lethe.engine.job.QueuedJobRunner;
import org.lethe.ui.common.UiServices;
import org.testfx.util.WaitForAsyncUtils;

/** Small helpers for TestFX tests of the workbench: run on the FX thread, wait for a condition. */
public final class FxTestSupport {

    private FxTestSupport() {
    }

    /** Runs {@code action} on the FX thread and returns its result. */
    public static <T> T fx(Callable<T> action) throws Exception {
        return WaitForAsyncUtils.asyncFx(action).get(30, TimeUnit.SECONDS);
    }

    /** Runs {@code action} on the FX thread. */
    public static void fxRun(Runnable action) throws Exception {
        fx(() -> {
            action.run();
            return null;
        });
    }

    /** Waits up to {@code seconds} until {@code condition}, evaluated on the FX thread, holds. */
    public static void waitUntil(int seconds, Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, () -> fx(condition));
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Services whose user data (sessions, autosave) live in {@code userData}; sample data as usual. */
    public static UiServices services(QueuedJobRunner jobs, Path userData) {
        return new UiServices(jobs, new DatasetCatalog(DatasetCatalog.defaultSampleDataDir(), userData));
    }
}
