package org.lethe.ui.workbench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.lethe.engine.data.DatasetCatalog;
import org.lethe.engine.experiment.Comparison;
import org.lethe.engine.job.QueuedJobRunner;
import org.lethe.engine.model.ModelSpec;
import org.lethe.engine.model.TrainingConfig;
import org.lethe.engine.unlearning.MethodDescriptor;
import org.lethe.engine.unlearning.UnlearningFixture;
import org.lethe.ui.common.UiServices;
import org.lethe.ui.jobs.JobTask;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The workbench's actions end to end on the FX thread: train, unlearn, compare, history. */
@ExtendWith(ApplicationExtension.class)
class WorkbenchTest {

    private QueuedJobRunner jobs;
    private Workbench workbench;

    @Start
    void start(Stage stage) {
        jobs = new QueuedJobRunner();
        workbench = new Workbench(new UiServices(jobs, DatasetCatalog.fromEnvironment()));
        workbench.browser().show(UnlearningFixture.DATA);
    }

    @AfterEach
    void stop() {
        jobs.close();
    }

    private static <T> T fx(java.util.concurrent.Callable<T> action) throws Exception {
        return WaitForAsyncUtils.asyncFx(action).get(10, TimeUnit.SECONDS);
    }

    @Test
    void trainsThenComparesRetrainAndFineTuneOnTheSelectedClass() throws Exception {
        List<JobTask.MetricPoint> live = new ArrayList<>();
        fx(() -> {
            assertThatThrownBy(() -> workbench.unlearn(workbench.methods().byId("ft"),
                    workbench.methods().byId("ft").defaults(), "FT")).isInstanceOf(IllegalStateException.class);
            workbench.forgetSelection().selectClass(3);
            ModelSpec spec = ModelSpec.logreg(UnlearningFixture.DATA.shape(), 10);
            return workbench.train(spec, TrainingConfig.adam(2, 32, 1e-2, 1), live::addAll);
        });
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> fx(() -> workbench.originalProperty().get() != null));
        assertThat(live).anySatisfy(p -> assertThat(p.series()).isEqualTo("trainAccuracy"));

        fx(() -> {
            for (String id : List.of("ft", "retrain")) {
                MethodDescriptor<?> m = workbench.methods().byId(id);
                workbench.unlearn(m, m.defaults(), m.displayName());
            }
            return null;
        });
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> fx(() -> workbench.history().size() == 3));
        Comparison c = fx(() -> workbench.comparisonProperty().get());
        assertThat(c.rows()).extracting(Comparison.Row::methodId).containsExactly("original", "retrain", "ft");
        assertThat(c.retrained().orElseThrow().evaluated().metrics().forgetAccuracy()).isLessThan(10);
        assertThat(c.unlearned().get(0).evaluated().metrics().l2ToRetrained()).isPositive();
        List<RunRecord> history = fx(() -> List.copyOf(workbench.history()));
        assertThat(history).extracting(RunRecord::kind).containsExactly(RunRecord.Kind.TRAIN,
                RunRecord.Kind.UNLEARN, RunRecord.Kind.UNLEARN);
        assertThat(history.get(1).forgetCount()).isEqualTo(c.splits().forget().size());
        assertThat(history.get(0).paramsJson()).contains("\"model\"").contains("\"training\"");

        // a new forget set starts a new comparison
        fx(() -> {
            workbench.forgetSelection().selectClass(5);
            return null;
        });
        assertThat(fx(() -> workbench.comparisonProperty().get())).isNull();
    }
}
