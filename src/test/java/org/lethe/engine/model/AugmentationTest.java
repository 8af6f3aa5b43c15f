package org.lethe.engine.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.lethe.engine.data.ImageShape;
import org.lethe.engine.data.ImageSplit;
import org.lethe.engine.job.JobContext;
import org.lethe.engine.model.optim.LrSchedule;
import org.lethe.engine.model.optim.OptimizerConfig;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Seeded random crop and flip: what it does to images, its determinism, and its use in training. */
class AugmentationTest {

    private static final ImageShape SHAPE = new ImageShape(3, 6, 7);

    private static ImageSplit randomSplit(int n, long seed) {
        byte[] pixels = new byte[n * SHAPE.pixelsPerImage()];
        new SplittableRandom(seed).nextBytes(pixels);
        // no zero pixels, so that padding is recognisable
        for (int i = 0; i < pixels.length; i++) {
            if (pixels[i] == 0) {
                pixels[i] = 1;
            }
        }
        byte[] labels = new byte[n];
        for (int i = 0; i < n; i++) {
            labels[i] = (byte) (i % 3);
        }
        return new ImageSplit("train", SHAPE, pixels, labels);
    }

    /** The image shifted by (dy, dx) and optionally mirrored, as the definition says. */
    private static float[] expected(ImageSplit split, int index, int dy, int dx, boolean flip) {
        int h = SHAPE.height();
        int w = SHAPE.width();
        float[] src = new float[SHAPE.pixelsPerImage()];
        split.copyImageScaled(index, src, 0);
        float[] out = new float[src.length];
        for (int c = 0; c < SHAPE.channels(); c++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int sy = y + dy;
                    int sx = (flip ? w - 1 - x : x) + dx;
                    boolean inside = sy >= 0 && sy < h && sx >= 0 && sx < w;
                    out[c * h * w + y * w + x] = inside ? src[c * h * w + sy * w + sx] : 0f;
                }
            }
        }
        return out;
    }

    @Test
    void everyAugmentedImageIsAPaddedCropOfTheOriginalPossiblyMirrored() {
        ImageSplit split = randomSplit(200, 1);
        Augmentation aug = new Augmentation(2, true);
        int[] idx = split.all("all").toArray();
        INDArray x = Features.augmented(split, idx, 0, idx.length, null, aug, 17, 0);
        Set<String> seen = new HashSet<>();
        int flips = 0;
        for (int i = 0; i < idx.length; i++) {
            float[] row = x.getRow(i).toFloatVector();
            String match = null;
            for (int dy = -2; dy <= 2 && match == null; dy++) {
                for (int dx = -2; dx <= 2 && match == null; dx++) {
                    for (boolean flip : new boolean[] {false, true}) {
                        if (java.util.Arrays.equals(row, expected(split, i, dy, dx, flip))) {
                            match = dy + "," + dx + "," + flip;
                            flips += flip ? 1 : 0;
                            break;
                        }
                    }
                }
            }
            assertThat(match).as("image " + i + " is a shifted/mirrored copy").isNotNull();
            seen.add(match);
        }
        // 25 offsets x 2 flips = 50 choices, all of them drawn from 200 images; about half mirrored
        assertThat(seen).hasSizeGreaterThan(40);
        assertThat(flips).isBetween(70, 130);
    }

    @Test
    void choicesDependOnSeedEpochAndSampleOnlyNotOnTheBatch() {
        ImageSplit split = randomSplit(30, 2);
        Augmentation aug = Augmentation.cropAndFlip();
        int[] all = split.all("all").toArray();
        INDArray whole = Features.augmented(split, all, 0, 30, null, aug, 5, 3);
        // the same samples in another order and batch give the same images
        int[] some = {29, 4, 17};
        INDArray part = Features.augmented(split, some, 0, 3, new float[10_000], aug, 5, 3);
        for (int j = 0; j < some.length; j++) {
            assertThat(part.getRow(j)).isEqualTo(whole.getRow(some[j]));
        }
        assertThat(Features.augmented(split, all, 0, 30, null, aug, 5, 3)).isEqualTo(whole);
        assertThat(Features.augmented(split, all, 0, 30, null, aug, 5, 4)).isNotEqualTo(whole);
        assertThat(Features.augmented(split, all, 0, 30, null, aug, 6, 3)).isNotEqualTo(whole);
        // no augmentation: exactly the plain features
        assertThat(Features.augmented(split, all, 0, 30, null, Augmentation.NONE, 5, 3))
                .isEqualTo(Features.of(split, all, 0, 30, null));
        assertThat(Augmentation.NONE.active()).isFalse();
        assertThat(new Augmentation(0, true).active()).isTrue();
        assertThatThrownBy(() -> new Augmentation(-1, false)).hasMessageContaining("was -1");
    }

    @Test
    void trainingWithAugmentationIsReproducibleAndReplayable() {
        ImageSplit split = randomSplit(40, 3);
        ModelSpec spec = ModelSpec.mlp(SHAPE, 3).withHiddenWidths(List.of(16)).withSeed(4);
        TrainingConfig plain = TrainingConfig.adam(2, 16, 1e-3, 9);
        TrainingConfig augmented = plain.withAugmentation(Augmentation.cropAndFlip());
        Trainer trainer = new Trainer();
        TrainingResult a = trainer.train(spec, split.all("t"), null, augmented, BatchHook.NONE, JobContext.detached());
        TrainingResult b = trainer.train(spec, split.all("t"), null, augmented, BatchHook.NONE, JobContext.detached());
        TrainingResult c = trainer.train(spec, split.all("t"), null, plain, BatchHook.NONE, JobContext.detached());
        assertThat(a.network().params()).isEqualTo(b.network().params());
        assertThat(c.network().params()).isNotEqualTo(a.network().params());
        TrainingResult replay = trainer.replay(spec, split, augmented, a.epochOrders(), new int[0], null,
                BatchHook.NONE, JobContext.detached());
        assertThat(replay.network().params()).isEqualTo(a.network().params());
    }

    @Test
    void configRoundTripsThroughJsonAndOldFilesMeanNoAugmentation() throws Exception {
        ObjectMapper json = new ObjectMapper();
        TrainingConfig cfg = new TrainingConfig(3, 32, OptimizerConfig.sgd(0.9, 5e-4), new LrSchedule.Cosine(0.1, 3, 0),
                5, new Augmentation(4, true));
        String s = json.writeValueAsString(cfg);
        assertThat(s).contains("\"augmentation\":{\"cropPadding\":4,\"horizontalFlip\":true}");
        assertThat(json.readValue(s, TrainingConfig.class)).isEqualTo(cfg);
        String old = json.writeValueAsString(cfg.withAugmentation(Augmentation.NONE))
                .replaceAll(",?\"augmentation\":\\{[^}]*\\}", "");
        assertThat(old).doesNotContain("augmentation");
        assertThat(json.readValue(old, TrainingConfig.class).augmentation()).isEqualTo(Augmentation.NONE);
        assertThat(List.of(cfg.withEpochs(7).augmentation(), cfg.withSchedule(LrSchedule.constant(1)).augmentation()))
                .containsOnly(cfg.augmentation());
    }
}
