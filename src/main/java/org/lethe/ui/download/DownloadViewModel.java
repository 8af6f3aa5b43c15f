package org.lethe.ui.download;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.WorkerStateEvent;
import org.lethe.engine.data.DatasetCatalog;
import org.lethe.engine.data.download.DownloadBundle;
import org.lethe.engine.data.download.Downloader;
import org.lethe.engine.data.download.RemoteFile;
import org.lethe.engine.job.JobCancelledException;
import org.lethe.ui.common.DialogService;
import org.lethe.ui.common.Strings;
import org.lethe.ui.jobs.JobTask;
import org.lethe.ui.jobs.JobsViewModel;

/**
 * State of the download window: the chosen bundle, where its files come from and go, and the
 * progress of the download job. The engine's {@link Downloader} fetches (https only, checksums
 * verified, partial files never kept); a cancelled download also removes the files and the folder
 * it created, so nothing is left. Use on the FX thread.
 */
public final class DownloadViewModel {

    /** Where a download stands. */
    public enum State {
        /** Nothing started (or a new bundle was chosen). */
        IDLE,
        /** The job is queued or running. */
        RUNNING,
        /** Every file is present and verified. */
        DONE,
        /** The user cancelled; nothing was kept. */
        CANCELLED,
        /** The download failed; the message says why. */
        FAILED
    }

    private final JobsViewModel jobs;
    private final Downloader downloader;
    private final Path dataDir;
    private final ObservableList<DownloadBundle> bundles;
    private final ObjectProperty<DownloadBundle> bundle = new SimpleObjectProperty<>(this, "bundle");
    private final ReadOnlyStringWrapper sources = new ReadOnlyStringWrapper(this, "sources", "");
    private final ReadOnlyStringWrapper target = new ReadOnlyStringWrapper(this, "target", "");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress", 0);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(this, "state", State.IDLE);
    private JobTask<Path> task;

    /**
     * A download window's state.
     *
     * @param jobs the queue the download runs on
     * @param downloader the engine's downloader
     * @param dataDir the user data folder; each bundle goes into its own sub-folder, where the
     *     dataset catalog finds it
     * @param choices the bundles offered, in order (at least one)
     */
    public DownloadViewModel(JobsViewModel jobs, Downloader downloader, Path dataDir, List<DownloadBundle> choices) {
        this.jobs = Objects.requireNonNull(jobs, "jobs");
        this.downloader = Objects.requireNonNull(downloader, "downloader");
        this.dataDir = Objects.requireNonNull(dataDir, "dataDir");
        if (choices.isEmpty()) {
            throw new IllegalArgumentException("no datasets to offer");
        }
        this.bundles = FXCollections.unmodifiableObservableList(FXCollections.observableArrayList(choices));
        bundle.addListener((obs, old, now) -> describe(now));
        bundle.set(choices.get(0));
    }

    /** The name people know a bundle by ("Fashion-MNIST" for {@code fashion-mnist}). */
    public static String displayName(DownloadBundle bundle) {
        String canonical = DatasetCatalog.canonicalName(bundle.name());
        return canonical == null ? bundle.name() : DatasetCatalog.displayName(canonical);
    }

    /** The bundles offered. */
    public ObservableList<DownloadBundle> bundles() {
        return bundles;
    }

    /** The chosen bundle; changing it while idle shows its sources. */
    public ObjectProperty<DownloadBundle> bundleProperty() {
        return bundle;
    }

    /** Two lines per file: its address, then its size and checksum. */
    public ReadOnlyStringProperty sourcesProperty() {
        return sources.getReadOnlyProperty();
    }

    /** The folder the files go into. */
    public ReadOnlyStringProperty targetProperty() {
        return target.getReadOnlyProperty();
    }

    /** 0 to 1 while running (negative: size unknown), 1 when done. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    /** What is happening, or how it ended. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** Where the download stands. */
    public ReadOnlyObjectProperty<State> stateProperty() {
        return state.getReadOnlyProperty();
    }

    /** The folder of the chosen bundle. */
    public Path folder() {
        return Downloader.bundleFolder(bundle.get(), dataDir);
    }

    private void describe(DownloadBundle chosen) {
        if (chosen == null) {
            sources.set("");
            target.set("");
            return;
        }
        sources.set(chosen.files().stream().map(DownloadViewModel::describe).collect(Collectors.joining("\n")));
        target.set(Downloader.bundleFolder(chosen, dataDir).toAbsolutePath().toString());
        if (state.get() != State.RUNNING) {
            state.set(State.IDLE);
            progress.set(0);
            message.set("");
        }
    }

    private static String describe(RemoteFile file) {
        return file.uri() + "\n    " + size(file) + " \u00b7 " + file.checksum().algorithm() + " "
                + file.checksum().hex();
    }

    /** A file's expected size for people: "9.5 MB", "28.2 KB", "812 bytes" or "size unknown". */
    static String size(RemoteFile file) {
        long bytes = file.expectedSize();
        if (!file.sizeKnown()) {
            return Strings.text("download.sizeUnknown");
        }
        if (bytes >= 1024 * 1024) {
            return Strings.format("download.sizeMb", bytes / (1024.0 * 1024.0));
        }
        return bytes >= 1024 ? Strings.format("download.sizeKb", bytes / 1024.0)
                : Strings.format("download.sizeBytes", bytes);
    }

    /**
     * Downloads the chosen bundle as a job.
     *
     * @return the job
     * @throws IllegalStateException while a download is running
     */
    public JobTask<Path> start() {
        if (state.get() == State.RUNNING) {
            throw new IllegalStateException("a download is already running");
        }
        DownloadBundle chosen = bundle.get();
        Path folder = Downloader.bundleFolder(chosen, dataDir);
        boolean folderExisted = Files.isDirectory(folder);
        List<Path> preExisting = chosen.files().stream().map(f -> folder.resolve(f.fileName()))
                .filter(Files::exists).toList();
        state.set(State.RUNNING);
        progress.set(0);
        message.set(Strings.format("download.waiting", displayName(chosen)));
        JobTask<Path> job = jobs.submit(Strings.format("download.job", displayName(chosen)), ctx -> {
            try {
                return downloader.download(chosen, dataDir, ctx);
            } catch (JobCancelledException e) {
                removeWhatWasAdded(chosen, folder, folderExisted, preExisting);
                throw e;
            }
        }, done -> {
            progress.set(1);
            state.set(State.DONE);
            message.set(Strings.format("download.done", displayName(chosen), done.toAbsolutePath()));
        });
        task = job;
        job.progressProperty().addListener((obs, old, p) -> {
            if (task == job && state.get() == State.RUNNING) {
                progress.set(p.doubleValue());
            }
        });
        job.messageProperty().addListener((obs, old, text) -> {
            if (task == job && state.get() == State.RUNNING && text != null && !text.isEmpty()) {
                message.set(text);
            }
        });
        job.addEventHandler(WorkerStateEvent.WORKER_STATE_CANCELLED, e -> {
            state.set(State.CANCELLED);
            progress.set(0);
            message.set(Strings.text("download.cancelled"));
        });
        job.addEventHandler(WorkerStateEvent.WORKER_STATE_FAILED, e -> {
            if (job.getException() instanceof JobCancelledException) {
                state.set(State.CANCELLED);
                message.set(Strings.text("download.cancelled"));
            } else {
                state.set(State.FAILED);
                message.set(Strings.format("download.failed", DialogService.explain(job.getException())));
            }
            progress.set(0);
        });
        return job;
    }

    /** Cancels the running download; its partial and new files are deleted. */
    public void cancel() {
        if (task != null && state.get() == State.RUNNING) {
            task.cancel();
        }
    }

    /** After a cancel: deletes the files this run added, and the folder if this run created it. */
    private static void removeWhatWasAdded(DownloadBundle chosen, Path folder, boolean folderExisted,
            List<Path> preExisting) {
        List<Path> added = new ArrayList<>();
        for (RemoteFile file : chosen.files()) {
            Path path = folder.resolve(file.fileName());
            if (!preExisting.contains(path)) {
                added.add(path);
            }
        }
        try {
            for (Path path : added) {
                Files.deleteIfExists(path);
            }
            if (!folderExisted && Files.isDirectory(folder)) {
                try (Stream<Path> left = Files.list(folder)) {
                    if (left.findAny().isEmpty()) {
                        Files.delete(folder);
                    }
                }
            }
        } catch (IOException e) {
            // best effort: what is left is complete, verified files, never partial ones
        }
    }
}
