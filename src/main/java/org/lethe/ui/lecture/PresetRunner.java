package org.lethe.ui.lecture;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.concurrent.Worker;
import javafx.concurrent.WorkerStateEvent;
import org.lethe.engine.data.ImageDataset;
import org.lethe.engine.experiment.Scenario;
import org.lethe.engine.unlearning.MethodDescriptor;
import org.lethe.engine.unlearning.retrain.Retrain;
import org.lethe.ui.dataset.DatasetOrigin;
import org.lethe.ui.jobs.JobTask;
import org.lethe.ui.workbench.Workbench;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@link PresetPlan} on the workbench through its ordinary actions: load (or cut) the data,
 * set the forget set, train the original, then queue the retrain and every method. Each step starts
 * when the previous job succeeded; a failed or cancelled step ends the run (the error dialog has
 * already spoken). Use on the FX thread.
 */
public final class PresetRunner {

    private static final Logger LOG = LoggerFactory.getLogger(PresetRunner.class);

    private final Workbench workbench;
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");

    /**
     * How a run ended.
     *
     * @param plan what ran
     * @param succeeded jobs that finished
     * @param failed jobs that failed or were cancelled (0 for a complete run)
     * @param seconds wall time from the start to the last job's end
     */
    public record Outcome(PresetPlan plan, int succeeded, int failed, double seconds) {

        /** Whether every step finished. */
        public boolean complete() {
            return failed == 0;
        }
    }

    /** A runner acting on {@code workbench}. */
    public PresetRunner(Workbench workbench) {
        this.workbench = Objects.requireNonNull(workbench, "workbench");
    }

    /** Whether a plan is running. */
    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    /** What the running plan is doing, in a few words. */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /**
     * Starts {@code plan}.
     *
     * @param onDone called on the FX thread when the last step ended
     * @throws IllegalStateException while another plan runs
     */
    public void start(PresetPlan plan, Consumer<Outcome> onDone) {
        if (running.get()) {
            throw new IllegalStateException("a preset is already running");
        }
        new Run(plan, onDone).begin();
    }

    private final class Run {

        private final PresetPlan plan;
        private final Consumer<Outcome> onDone;
        private final long started = System.nanoTime();
        private int succeeded;
        private int failed;
        private int pending;

        Run(PresetPlan plan, Consumer<Outcome> onDone) {
            this.plan = plan;
            this.onDone = onDone;
        }

        void begin() {
            running.set(true);
            status.set(plan.title() + ": preparing the data");
            DatasetOrigin wanted = DatasetOrigin.of(plan.dataset(), plan.trainLimit());
            ImageDataset current = workbench.datasetProperty().get();
            DatasetOrigin origin = workbench.browser().originProperty().get();
            if (current != null && wanted.equals(origin)) {
                withData(current);
                return;
            }
            ImageDataset full = current != null && origin != null && origin.isFull(plan.dataset()) ? current : null;
            Integer limit = plan.trainLimit();
            JobTask<ImageDataset> task = workbench.jobs().submit("Load " + wanted.source()
                    + (limit == null ? "" : String.format(" (first %,d)", limit)), ctx -> {
                        ImageDataset data = full != null ? full
                                : workbench.services().catalog().load(plan.dataset(), ctx);
                        return limit == null ? data : data.limitTrain(limit);
                    }, data -> {
                        workbench.browser().show(data, wanted);
                        succeeded++;
                        withData(data);
                    });
            onFailure(task);
        }

        private void withData(ImageDataset data) {
            try {
                workbench.forgetSelection().replaceWith(plan.forgetIndices(data));
                status.set(plan.title() + ": training " + plan.architecture());
                JobTask<?> train = workbench.train(plan.spec(data), plan.training(), points -> { });
                train.addEventHandler(WorkerStateEvent.WORKER_STATE_SUCCEEDED, e -> {
                    succeeded++;
                    queueMethods();
                });
                onFailure(train);
            } catch (RuntimeException e) {
                failed++;
                finish();
                throw e;
            }
        }

        private void queueMethods() {
            List<MethodDescriptor<?>> methods = new ArrayList<>();
            List<Scenario.MethodEntry> entries = new ArrayList<>();
            MethodDescriptor<?> retrain = workbench.methods().byId(Retrain.ID);
            methods.add(retrain);
            entries.add(new Scenario.MethodEntry(Retrain.ID, null, null));
            for (Scenario.MethodEntry entry : plan.methods()) {
                if (!entry.id().equals(Retrain.ID)) {
                    methods.add(workbench.methods().byId(entry.id()));
                    entries.add(entry);
                }
            }
            pending = methods.size();
            for (int i = 0; i < methods.size(); i++) {
                MethodDescriptor<?> m = methods.get(i);
                Scenario.MethodEntry entry = entries.get(i);
                String label = PresetPlan.label(m, entry);
                JobTask<?> task = workbench.unlearn(m, plan.params(m, entry), label);
                task.stateProperty().addListener((obs, old, state) -> {
                    if (state == Worker.State.RUNNING) {
                        status.set(plan.title() + ": " + label);
                    }
                });
                // events, not state listeners: they fire after the workbench's own handlers took the result
                task.addEventHandler(WorkerStateEvent.WORKER_STATE_SUCCEEDED, e -> {
                    succeeded++;
                    methodEnded();
                });
                task.addEventHandler(WorkerStateEvent.WORKER_STATE_FAILED, e -> {
                    failed++;
                    methodEnded();
                });
                task.addEventHandler(WorkerStateEvent.WORKER_STATE_CANCELLED, e -> {
                    failed++;
                    methodEnded();
                });
            }
        }

        private void methodEnded() {
            if (--pending == 0) {
                finish();
            }
        }

        private void onFailure(JobTask<?> task) {
            javafx.event.EventHandler<WorkerStateEvent> stop = e -> {
                failed++;
                finish();
            };
            task.addEventHandler(WorkerStateEvent.WORKER_STATE_FAILED, stop);
            task.addEventHandler(WorkerStateEvent.WORKER_STATE_CANCELLED, stop);
        }

        private void finish() {
            double seconds = (System.nanoTime() - started) / 1e9;
            running.set(false);
            Outcome outcome = new Outcome(plan, succeeded, failed, seconds);
            status.set(plan.title() + (failed == 0 ? String.format(": done in %.0f s", seconds)
                    : ": stopped after a failed step"));
            LOG.info("{}: {} steps done, {} failed, {} s", plan.title(), succeeded, failed, String.format("%.1f", seconds));
            onDone.accept(outcome);
        }
    }
}
