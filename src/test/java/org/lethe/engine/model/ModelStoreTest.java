package org.lethe.engine.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lethe.engine.data.ImageSplit;
import org.lethe.engine.job.JobContext;

class ModelStoreTest {

    private static final ImageSplit TRAIN = MnistTestData.train(300);

    private static TrainedModel trainedMlp(Precision precision) {
        ModelSpec spec = ModelSpec.mlp(TRAIN.shape(), 10).withHiddenWidths(List.of(32)).withPrecision(precision);
        TrainingConfig config = TrainingConfig.sgd(2, 50, 0.05, 0.9, 5e-4, 3);
        TrainingResult result = new Trainer().train(spec, TRAIN.all("train"), null, config, BatchHook.NONE,
                JobContext.detached());
        ModelProvenance provenance = new ModelProvenance(spec, "train",
                new ObjectMapper().createObjectNode(), "MNIST", "abc123", TRAIN.all("train").sha256(), 300,
                null, null, config, result.history(), result.seconds(), null, "2026-11-22T00:00:00Z");
        return new TrainedModel(result.network(), provenance, result.epochOrders(), result.optimizerState());
    }

    @Test
    void roundTripKeepsParametersBitIdenticalAndProvenanceEqual(@TempDir Path dir) throws IOException {
        for (Precision precision : Precision.values()) {
            TrainedModel model = trainedMlp(precision);
            Path file = dir.resolve("m-" + precision + ModelStore.EXTENSION);
            new ModelStore().save(model, file);
            TrainedModel loaded = new ModelStore().load(file);
            assertThat(loaded.network().params()).isEqualTo(model.network().params());
            assertThat(loaded.paramsSha256()).isEqualTo(model.paramsSha256());
            assertThat(loaded.provenance()).isEqualTo(model.provenance());
            assertThat(loaded.epochOrders()).hasSize(2);
            assertThat(loaded.epochOrders().get(1)).isEqualTo(model.epochOrders().get(1));
            assertThat(loaded.network().logits(features()))
                    .isEqualTo(model.network().logits(features()));
            assertThat(loaded.optimizerState().steps()).isEqualTo(model.optimizerState().steps()).isPositive();
            assertThat(loaded.optimizerState().buffer("momentum")).isEqualTo(model.optimizerState().buffer("momentum"));
        }
    }

    private static org.nd4j.linalg.api.ndarray.INDArray features() {
        return Features.of(TRAIN, new int[] {0, 1, 2}, 0, 3, null);
    }

    @Test
    void trainingContinuesExactlyFromASavedOptimizerState(@TempDir Path dir) throws IOException {
        ModelSpec spec = ModelSpec.mlp(TRAIN.shape(), 10).withHiddenWidths(List.of(16));
        TrainingConfig adam = TrainingConfig.adam(1, 50, 1e-3, 9);
        TrainingResult first = new Trainer().train(spec, TRAIN.all("train"), null, adam, BatchHook.NONE,
                JobContext.detached());
        org.lethe.engine.model.optim.Optimizer continued = adam.optimizer().create();
        continued.restore(first.optimizerState());
        org.lethe.engine.model.optim.Optimizer fresh = adam.optimizer().create();
        org.nd4j.linalg.api.ndarray.INDArray grad = first.network().lossAndGradient(features(),
                new int[] {TRAIN.label(0), TRAIN.label(1), TRAIN.label(2)}).gradient();
        org.nd4j.linalg.api.ndarray.INDArray a = first.network().params();
        org.nd4j.linalg.api.ndarray.INDArray b = first.network().params();
        continued.step(a, grad, 1e-3);
        fresh.step(b, grad, 1e-3);
        // Adam's first step moves every weight by about lr; with restored moments the step differs
        assertThat(a).isNotEqualTo(b);
        assertThat(continued.steps()).isEqualTo(first.optimizerState().steps() + 1);
        assertThat(continued.state().buffer("m")).isNotEqualTo(fresh.state().buffer("m"));
    }

    @Test
    void savingReplacesTheOldFileAndLeavesNoTempFiles(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("m.lethe");
        new ModelStore().save(trainedMlp(Precision.FLOAT), file);
        new ModelStore().save(trainedMlp(Precision.FLOAT), file);
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).toList()).containsExactly("m.lethe");
        }
    }

    @Test
    void truncatedOrForeignFilesGetAClearError(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("m.lethe");
        new ModelStore().save(trainedMlp(Precision.FLOAT), file);
        byte[] bytes = Files.readAllBytes(file);
        Path truncated = dir.resolve("truncated.lethe");
        Files.write(truncated, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        assertThatThrownBy(() -> new ModelStore().load(truncated))
                .isInstanceOf(ModelFileException.class)
                .hasMessageContaining("truncated.lethe")
                .hasMessageContaining("not a readable Lethe model file");

        Path png = dir.resolve("picture.png");
        Files.write(png, new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0});
        assertThatThrownBy(() -> new ModelStore().load(png)).isInstanceOf(ModelFileException.class)
                .hasMessageContaining("picture.png");

        assertThatThrownBy(() -> new ModelStore().load(dir.resolve("missing.lethe")))
                .isInstanceOf(ModelFileException.class).hasMessageContaining("no such model file");
    }

    @Test
    void damagedParametersAreDetected(@TempDir Path dir) throws IOException {
        TrainedModel model = trainedMlp(Precision.FLOAT);
        Path file = dir.resolve("m.lethe");
        new ModelStore().save(model, file);
        // rewrite the archive with one parameter changed and the original header
        Path damaged = dir.resolve("damaged.lethe");
        try (var zip = new java.util.zip.ZipFile(file.toFile());
                OutputStream out = Files.newOutputStream(damaged);
                ZipOutputStream z = new ZipOutputStream(out)) {
            for (String name : List.of(ModelStore.JSON_ENTRY, ModelStore.PARAMS_ENTRY, ModelStore.ORDERS_ENTRY)) {
                byte[] content = zip.getInputStream(zip.getEntry(name)).readAllBytes();
                if (name.equals(ModelStore.PARAMS_ENTRY)) {
                    content[17] ^= 0x40;
                }
                z.putNextEntry(new ZipEntry(name));
                z.write(content);
                z.closeEntry();
            }
        }
        assertThatThrownBy(() -> new ModelStore().load(damaged)).isInstanceOf(ModelFileException.class)
                .hasMessageContaining("SHA-256").hasMessageContaining("damaged");
    }

    @Test
    void newerFormatVersionsAreExplained(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("future.lethe");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(file))) {
            z.putNextEntry(new ZipEntry(ModelStore.JSON_ENTRY));
            z.write("{\"format\":\"lethe-model\",\"version\":7}".getBytes(StandardCharsets.UTF_8));
            z.closeEntry();
        }
        assertThatThrownBy(() -> new ModelStore().load(file)).isInstanceOf(ModelFileException.class)
                .hasMessageContaining("newer Lethe").hasMessageContaining("version 7");
    }

    @Test
    void aParameterCountThatDoesNotFitTheArchitectureIsRejectedBeforeReading(@TempDir Path dir) throws IOException {
        TrainedModel model = trainedMlp(Precision.FLOAT);
        Path file = dir.resolve("m.lethe");
        new ModelStore().save(model, file);
        Path edited = dir.resolve("edited.lethe");
        try (var zip = new java.util.zip.ZipFile(file.toFile());
                ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(edited))) {
            for (String name : List.of(ModelStore.JSON_ENTRY, ModelStore.PARAMS_ENTRY, ModelStore.ORDERS_ENTRY)) {
                byte[] content = zip.getInputStream(zip.getEntry(name)).readAllBytes();
                if (name.equals(ModelStore.JSON_ENTRY)) {
                    content = new String(content, StandardCharsets.UTF_8)
                            .replaceFirst("\"paramCount\" : \\d+", "\"paramCount\" : 999999999999")
                            .getBytes(StandardCharsets.UTF_8);
                }
                z.putNextEntry(new ZipEntry(name));
                z.write(content);
                z.closeEntry();
            }
        }
        assertThatThrownBy(() -> new ModelStore().load(edited)).isInstanceOf(ModelFileException.class)
                .hasMessageContaining("paramCount is 999999999999");
    }
}
