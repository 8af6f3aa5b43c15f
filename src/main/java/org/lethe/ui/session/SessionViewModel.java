package org.lethe.ui.session;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import org.lethe.engine.LetheException;
import org.lethe.engine.data.ImageDataset;
import org.lethe.engine.experiment.Comparison;
import org.lethe.engine.job.QueuedJobRunner;
import org.lethe.engine.session.ComparedModel;
import org.lethe.engine.session.DatasetRef;
import org.lethe.engine.session.RestoredSession;
import org.lethe.engine.session.Session;
import org.lethe.engine.session.SessionRestorer;
import org.lethe.engine.session.SessionRun;
import org.lethe.engine.session.SessionStore;
import org.lethe.ui.dataset.DatasetOrigin;
import org.lethe.ui.jobs.JobTask;
import org.lethe.ui.jobs.JobsViewModel;
import org.lethe.ui.workbench.RunRecord;
import org.lethe.ui.workbench.Workbench;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The session behind the workbench: which file it belongs to, whether it changed since, and the
 * actions New, Open, Save and autosave. Saving snapshots the workbench on the FX thread (cheap:
 * models are immutable) and writes on a background thread of its own, so a save never waits behind
 * a training job; opening reads, reloads the dataset and re-evaluates the comparison as a normal job.
 * Use on the FX thread.
 *
 * <p>Autosave writes only to {@link #autosaveFile()} in the user's session folder, never to a file
 * the user chose; it runs every few minutes while there are unsaved changes, and on exit.
 */
public final class SessionViewModel implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SessionViewModel.class);
    /** File name of the autosave in the session folder. */
    public static final String AUTOSAVE_NAME = "autosave" + SessionStore.EXTENSION;
    /** Minutes between autosaves unless {@code -Dlethe.autosaveMinutes} says otherwise. */
    public static final double DEFAULT_AUTOSAVE_MINUTES = 5;

    private final Workbench workbench;
    private final Path folder;
    private final SessionStore store = new SessionStore();
    private final SessionRestorer restorer;
    private final QueuedJobRunner ioRunner = new QueuedJobRunner();
    private final JobsViewModel io;
    private final RecentSessions recentList;
    private final ObservableList<Path> recent = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<Path> currentFile = new ReadOnlyObjectWrapper<>(this, "currentFile");
    private final ReadOnlyBooleanWrapper dirty = new ReadOnlyBooleanWrapper(this, "dirty");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyBooleanWrapper restored = new ReadOnlyBooleanWrapper(this, "restored");
    private boolean autosavePending;
    private boolean applying;
    private FileTime currentFileTime;
    private Timeline autosaveTimer;

    /**
     * The session of {@code workbench}, keeping autosaves and the recent-files list in {@code folder}.
     */
    public SessionViewModel(Workbench workbench, Path folder) {
        this.workbench = Objects.requireNonNull(workbench, "workbench");
        this.folder = Objects.requireNonNull(folder, "folder");
        this.restorer = new SessionRestorer(workbench.services().catalog(), workbench.methods());
        this.io = new JobsViewModel(ioRunner);
        this.recentList = new RecentSessions(folder.resolve("recent.txt"));
        recent.setAll(recentList.read());
        Runnable changed = () -> {
            if (!applying) {
                dirty.set(true);
                autosavePending = true;
            }
        };
        workbench.history().addListener((ListChangeListener<RunRecord>) c -> changed.run());
        workbench.originalProperty().addListener((obs, old, now) -> changed.run());
        workbench.comparisonProperty().addListener((obs, old, now) -> changed.run());
        workbench.forgetSelection().versionProperty().addListener((obs, old, now) -> changed.run());
        workbench.datasetProperty().addListener((obs, old, now) -> changed.run());
    }

    /** Where save failures are reported (open failures go through the workbench's jobs). */
    public void setOnFailure(Consumer<JobsViewModel.FailedJob> handler) {
        io.setOnFailure(handler);
    }

    /** The folder holding the autosave and the recent-files list. */
    public Path folder() {
        return folder;
    }

    /** The file the session was last opened from or saved to (null: never saved). */
    public ReadOnlyObjectProperty<Path> currentFileProperty() {
        return currentFile.getReadOnlyProperty();
    }

    /** Whether the workbench changed since the last open or save. */
    public ReadOnlyBooleanProperty dirtyProperty() {
        return dirty.getReadOnlyProperty();
    }

    /** Whether the workbench shows a session opened from a file (it is no longer a first run). */
    public ReadOnlyBooleanProperty restoredProperty() {
        return restored.getReadOnlyProperty();
    }

    /** The last thing that happened, for the status line. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** Recently opened or saved session files, newest first. */
    public ObservableList<Path> recent() {
        return recent;
    }

    /** The autosave file. */
    public Path autosaveFile() {
        return folder.resolve(AUTOSAVE_NAME);
    }

    /** Whether the workbench holds something worth saving (a model, a run or a forget set). */
    public boolean hasContent() {
        return workbench.originalProperty().get() != null || !workbench.history().isEmpty()
                || workbench.forgetSelection().countProperty().get() > 0;
    }

    /**
     * The workbench as a session.
     *
     * @throws LetheException when no dataset is loaded, or the dataset has no origin a session
     *     could load it from again
     */
    public Session snapshot() {
        ImageDataset data = workbench.datasetProperty().get();
        if (data == null) {
            throw new LetheException("Nothing to save yet: no dataset is loaded.");
        }
        DatasetOrigin origin = workbench.browser().originProperty().get();
        if (origin == null) {
            throw new LetheException("The dataset '" + data.name() + "' was not opened by name or from a file, so a"
                    + " session could not load it again. Open it from the Data tab (a built-in dataset or a folder)"
                    + " and try again.");
        }
        List<ComparedModel> compared = new ArrayList<>();
        Comparison comparison = workbench.comparisonProperty().get();
        if (comparison != null) {
            comparison.retrained().ifPresent(e -> compared.add(ComparedModel.of(e)));
            comparison.unlearned().forEach(e -> compared.add(ComparedModel.of(e)));
        }
        List<SessionRun> history = workbench.history().stream().map(SessionViewModel::toStored).toList();
        int[] forget = workbench.forgetSelection().indices();
        return new Session(DatasetRef.of(origin.source(), origin.trainLimit(), data), forget,
                Session.Evaluation.WORKBENCH, workbench.originalProperty().get(),
                forget.length == 0 ? List.of() : compared, history);
    }

    static SessionRun toStored(RunRecord r) {
        return new SessionRun(r.finished(), SessionRun.Kind.valueOf(r.kind().name()), r.label(), r.methodId(),
                r.paramsJson(), r.seed(), r.seconds(), r.dataset(), r.forgetCount(), r.metrics());
    }

    static RunRecord fromStored(SessionRun r) {
        return new RunRecord(r.finished(), RunRecord.Kind.valueOf(r.kind().name()), r.label(), r.methodId(),
                r.paramsJson(), r.seed(), r.seconds(), r.dataset(), r.forgetCount(), r.metrics());
    }

    /**
     * Whether saving to {@code file} would replace a file the user should be asked about: another
     * existing file than the current one, or the current one changed on disk since it was opened or saved.
     */
    public boolean needsOverwriteConfirmation(Path file) {
        if (!Files.exists(file)) {
            return false;
        }
        if (!file.equals(currentFile.get())) {
            return true;
        }
        try {
            return currentFileTime == null || !Files.getLastModifiedTime(file).equals(currentFileTime);
        } catch (IOException e) {
            return true;
        }
    }

    /**
     * Saves the session to {@code file} on the session thread; on success it becomes the current
     * file and joins the recent files.
     *
     * @throws LetheException when there is nothing to save, or {@code file} is the autosave
     */
    public JobTask<Path> save(Path file) {
        Path target = file.toAbsolutePath().normalize();
        if (target.equals(autosaveFile().toAbsolutePath().normalize())) {
            throw new LetheException(target + " is Lethe's autosave file; choose another name for your session.");
        }
        Session session = snapshot();
        return io.submit("Save session to " + target.getFileName(), ctx -> {
            store.save(session, target);
            return target;
        }, saved -> {
            currentFile.set(saved);
            currentFileTime = modified(saved);
            dirty.set(false);
            autosavePending = false;
            recent.setAll(recentList.add(saved));
            message.set("Session saved to " + saved);
        });
    }

    /**
     * Opens the session in {@code file} as a job: reads and checks it, reloads the dataset, and
     * evaluates the comparison again; on success it replaces the workbench's state. A failure leaves
     * the workbench as it was and shows the error.
     */
    public JobTask<RestoredSession> open(Path file) {
        Path source = file.toAbsolutePath().normalize();
        ImageDataset loaded = workbench.datasetProperty().get();
        return workbench.jobs().submit("Open session " + source.getFileName(),
                ctx -> restorer.restore(store.load(source), source, loaded, ctx), r -> apply(r, source));
    }

    /** Puts a restored session into the workbench; {@code file} becomes the current file unless it is the autosave. */
    public void apply(RestoredSession r, Path file) {
        applying = true;
        try {
            DatasetRef ref = r.session().dataset();
            workbench.browser().show(r.dataset(), new DatasetOrigin(ref.source(), ref.trainLimit()));
            workbench.forgetSelection().replaceWith(r.forget());
            workbench.originalProperty().set(r.original());
            workbench.comparisonProperty().set(r.comparison());
            workbench.history().setAll(r.history().stream().map(SessionViewModel::fromStored).toList());
        } finally {
            applying = false;
        }
        boolean autosave = file.equals(autosaveFile().toAbsolutePath().normalize());
        currentFile.set(autosave ? null : file);
        currentFileTime = autosave ? null : modified(file);
        dirty.set(autosave);
        autosavePending = false;
        restored.set(true);
        if (!autosave) {
            recent.setAll(recentList.add(file));
        }
        message.set("Opened " + file.getFileName() + ": " + r.session().summary());
    }

    /** Starts over: no model, no comparison, no history, nothing to forget; the dataset stays. */
    public void newSession() {
        workbench.originalProperty().set(null);
        workbench.comparisonProperty().set(null);
        workbench.history().clear();
        workbench.forgetSelection().clear();
        currentFile.set(null);
        currentFileTime = null;
        dirty.set(false);
        autosavePending = false;
        message.set("New session");
    }

    /** Autosaves every {@code every} while there are unsaved changes. */
    public void startAutosave(Duration every) {
        if (autosaveTimer != null) {
            autosaveTimer.stop();
        }
        autosaveTimer = new Timeline(new KeyFrame(javafx.util.Duration.millis(every.toMillis()), e -> autosave()));
        autosaveTimer.setCycleCount(Timeline.INDEFINITE);
        autosaveTimer.play();
    }

    /** The autosave interval from {@code -Dlethe.autosaveMinutes} (default 5; 0 or less turns it off). */
    public static Duration configuredInterval() {
        double minutes = DEFAULT_AUTOSAVE_MINUTES;
        try {
            String text = System.getProperty("lethe.autosaveMinutes");
            if (text != null) {
                minutes = Double.parseDouble(text.strip());
            }
        } catch (NumberFormatException e) {
            LOG.warn("ignoring -Dlethe.autosaveMinutes={}", System.getProperty("lethe.autosaveMinutes"));
        }
        return minutes <= 0 ? Duration.ZERO : Duration.ofMillis((long) (minutes * 60_000));
    }

    /**
     * Writes the autosave in the background when something changed since the last save or
     * autosave and there is something worth keeping.
     *
     * @return the task, or null when nothing needed saving
     */
    public JobTask<Path> autosave() {
        if (!autosavePending || !hasContent()) {
            return null;
        }
        Session session;
        try {
            session = snapshot();
        } catch (LetheException e) {
            LOG.info("not autosaving: {}", e.getMessage());
            return null;
        }
        autosavePending = false;
        Path target = autosaveFile();
        return io.submit("Autosave", ctx -> {
            store.save(session, target);
            return target;
        }, saved -> message.set("Autosaved to " + saved));
    }

    /**
     * Writes the autosave now, on the calling thread (used on exit, when there is no later).
     *
     * @return whether a file was written
     */
    public boolean autosaveNow() {
        if (!autosavePending || !hasContent()) {
            return false;
        }
        try {
            store.save(snapshot(), autosaveFile());
            autosavePending = false;
            return true;
        } catch (RuntimeException e) {
            LOG.warn("autosave on exit failed", e);
            return false;
        }
    }

    private static FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            return null;
        }
    }

    /** Stops autosaving and lets pending writes finish. */
    @Override
    public void close() {
        if (autosaveTimer != null) {
            autosaveTimer.stop();
        }
        ioRunner.close();
    }
}
