package org.lethe.engine.experiment.sweep;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.lethe.engine.LetheException;
import org.lethe.engine.io.AtomicFiles;
import org.lethe.engine.model.ModelSpec;
import org.lethe.engine.model.ModelStore;
import org.lethe.engine.model.TrainedModel;
import org.lethe.engine.unlearning.sisa.SisaConfig;
import org.lethe.engine.unlearning.sisa.SisaShardState;
import org.lethe.engine.unlearning.sisa.SisaStore;

/**
 * A store in a folder that every worker can reach (a local folder for {@code local[n]}, a shared
 * file system on a cluster): {@code seed-S/original.lethe}, {@code seed-S/retrained.lethe},
 * {@code seed-S/method-M.lethe}, each with its result beside it as {@code .json}. Writes are atomic,
 * so a task that is run twice (a retried or speculative Spark task) leaves one whole file. SISA
 * shard tasks ({@link SisaShardSweep}) keep their shards as {@code sisa/shard-K.lethe-sisa}.
 */
public final class FolderSweepStore implements SweepStore {

    private final Path dir;
    private final ModelStore models = new ModelStore();

    /** A store in {@code dir} (created on the first write). */
    public FolderSweepStore(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
    }

    /** The folder. */
    public Path dir() {
        return dir;
    }

    /** Where the model of {@code task} is kept. */
    public Path modelFile(SweepTask task) {
        return dir.resolve(task.id() + ModelStore.EXTENSION);
    }

    /** Where the result of {@code task} is kept. */
    public Path resultFile(SweepTask task) {
        return dir.resolve(task.id() + ".json");
    }

    @Override
    public void putModel(SweepTask task, TrainedModel model) {
        if (model.network().buffers().length() > 0) {
            throw new LetheException("sweep: the model of " + task.id() + " has batch-norm statistics, which model "
                    + "files do not keep yet; run this scenario in-process (without --spark)");
        }
        Path file = modelFile(task);
        try {
            Files.createDirectories(file.getParent());
            models.save(model, file);
        } catch (IOException e) {
            throw new LetheException(file + ": cannot write the model of " + task.id() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public TrainedModel model(SweepTask task) {
        return models.load(modelFile(task));
    }

    @Override
    public void putResult(TaskResult result) {
        Path file = resultFile(result.task());
        byte[] json = TaskResults.toJson(result).getBytes(StandardCharsets.UTF_8);
        try {
            Files.createDirectories(file.getParent());
            AtomicFiles.write(file, out -> out.write(json));
        } catch (IOException e) {
            throw new LetheException(file + ": cannot write the result of " + result.task().id() + ": "
                    + e.getMessage(), e);
        }
    }

    @Override
    public TaskResult result(SweepTask task) {
        Path file = resultFile(task);
        if (!Files.isRegularFile(file)) {
            throw new LetheException(file + ": no result of task " + task.id() + " (has it run?)");
        }
        try {
            return TaskResults.fromJson(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (IOException e) {
            throw new LetheException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** Where SISA shard task {@code shard} keeps its shard (model and slice checkpoints). */
    public Path sisaShardFile(int shard) {
        return dir.resolve("sisa/shard-" + shard + SisaStore.EXTENSION);
    }

    /** Keeps a trained SISA shard, with the spec and config it was trained under. */
    public void putSisaShard(SisaShardState state, ModelSpec spec, SisaConfig config) {
        Path file = sisaShardFile(state.shard());
        try {
            Files.createDirectories(file.getParent());
            new SisaStore().saveShard(state, spec, config, file);
        } catch (IOException e) {
            throw new LetheException(file + ": cannot write SISA shard " + state.shard() + ": " + e.getMessage(), e);
        }
    }

    /**
     * The SISA shard a task stored, which must have been trained under {@code spec} and {@code config}.
     *
     * @throws LetheException if it is missing or does not fit
     */
    public SisaShardState sisaShard(int shard, ModelSpec spec, SisaConfig config) {
        Path file = sisaShardFile(shard);
        if (!Files.isRegularFile(file)) {
            throw new LetheException(file + ": no SISA shard " + shard + " in the store (has its task run?)");
        }
        return new SisaStore().loadShard(file, spec, config);
    }
}
