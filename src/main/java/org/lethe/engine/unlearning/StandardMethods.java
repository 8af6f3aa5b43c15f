package org.lethe.engine.unlearning;

import java.util.List;
import org.lethe.engine.unlearning.amun.Amun;
import org.lethe.engine.unlearning.amun.AmunParams;
import org.lethe.engine.unlearning.amun.AmunSalun;
import org.lethe.engine.unlearning.amun.AmunSalunParams;
import org.lethe.engine.unlearning.distill.InfluenceDistillation;
import org.lethe.engine.unlearning.distill.InfluenceDistillationParams;
import org.lethe.engine.unlearning.ft.FineTune;
import org.lethe.engine.unlearning.ft.FineTuneParams;
import org.lethe.engine.unlearning.ga.GradientAscent;
import org.lethe.engine.unlearning.ga.GradientAscentParams;
import org.lethe.engine.unlearning.retrain.Retrain;
import org.lethe.engine.unlearning.retrain.RetrainParams;

/** The registry's content: every method with its id, texts, defaults and data needs. */
final class StandardMethods {

    private StandardMethods() {
    }

    static List<MethodDescriptor<?>> all() {
        return List.of(
                new MethodDescriptor<>(Retrain.ID, "Retrain",
                        "The gold standard: train the same architecture from the same initial weights on the "
                                + "retain set only. By default it replays the original run's sample order with "
                                + "the forget samples left out, so that parameter distances to it are meaningful. "
                                + "Every other method is judged by how close it gets to this model and how much "
                                + "cheaper it is.",
                        RetrainParams.class, RetrainParams.defaults(), DataNeeds.RETAIN_REQUIRED, new Retrain()),
                new MethodDescriptor<>(FineTune.ID, "Fine-tune (FT)",
                        "Continue training the original on the retain set only. The forget set is never "
                                + "shown again, so the model gradually loses what only the forget set taught it "
                                + "(catastrophic forgetting). Cheap and safe for accuracy, but often forgets "
                                + "little of individual memorised samples.",
                        FineTuneParams.class, FineTuneParams.defaults(), DataNeeds.RETAIN_REQUIRED, new FineTune()),
                new MethodDescriptor<>(GradientAscent.ID, "Gradient ascent (GA)",
                        "Take steps that increase the loss on the forget set, pushing the model away from "
                                + "its predictions there. Fast and strong, but it can destroy the model when run "
                                + "too long; with the retain set available, a descent pass over it each epoch "
                                + "keeps the rest intact (the AMUN code's variant).",
                        GradientAscentParams.class, GradientAscentParams.defaults(), DataNeeds.RETAIN_OPTIONAL,
                        new GradientAscent()),
                new MethodDescriptor<>(Amun.ID, "AMUN (adversarial unlearning)",
                        "Attack the original model to find, for every forget sample, a close-by image it "
                                + "misclassifies, and keep the model's wrong answer as that image's label. "
                                + "Fine-tuning on these adversarial images together with the forget samples "
                                + "(true labels) and, when available, part of the retain set makes the model "
                                + "as unsure about the forget samples as about unseen data, without "
                                + "teaching it wrong labels for them. The learning rate drops tenfold each "
                                + "epoch. Works on the forget set alone when the retain set is withheld.",
                        AmunParams.class, AmunParams.defaults(), DataNeeds.RETAIN_OPTIONAL, new Amun()),
                new MethodDescriptor<>(AmunSalun.ID, "AMUN + SalUn mask",
                        "AMUN, but only the weights that matter most for the forget set may change: "
                                + "SalUn's saliency mask ranks all weights by the size of the forget-loss "
                                + "gradient at the original model and freezes the rest (half by default), so "
                                + "everything outside the mask stays bit-identical to the original.",
                        AmunSalunParams.class, AmunSalunParams.defaults(), DataNeeds.RETAIN_OPTIONAL,
                        new AmunSalun()),
                new MethodDescriptor<>(InfluenceDistillation.ID, "Influence distillation",
                        "A student network learns to reproduce the original model's outputs (its logits) on "
                                + "the retain set, and each epoch is also pushed away from the forget set. In the "
                                + "default reading the original's own loss on each forget sample decides how hard "
                                + "that sample is pushed: samples the original fits very well, the likely "
                                + "memorised ones, are pushed most. The push stops for a sample once the student "
                                + "finds it no more familiar than a chance guess, so the run cannot diverge. The "
                                + "student starts as a copy of the original, or from scratch, possibly narrower.",
                        InfluenceDistillationParams.class, InfluenceDistillationParams.defaults(),
                        DataNeeds.RETAIN_REQUIRED, new InfluenceDistillation()));
    }
}
