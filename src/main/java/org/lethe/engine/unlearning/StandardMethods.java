package org.lethe.engine.unlearning;

import java.util.List;
import org.lethe.engine.unlearning.bs.BoundaryShrink;
import org.lethe.engine.unlearning.bs.BoundaryShrinkParams;
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
import org.lethe.engine.unlearning.l1sparse.L1Sparse;
import org.lethe.engine.unlearning.l1sparse.L1SparseParams;
import org.lethe.engine.unlearning.retrain.Retrain;
import org.lethe.engine.unlearning.retrain.RetrainParams;
import org.lethe.engine.unlearning.rl.RandomLabel;
import org.lethe.engine.unlearning.rl.RandomLabelParams;
import org.lethe.engine.unlearning.salun.SalUn;
import org.lethe.engine.unlearning.salun.SalUnParams;

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
                new MethodDescriptor<>(RandomLabel.ID, "Random labels (RL)",
                        "Train the forget samples towards wrong labels drawn at random (new ones every epoch), "
                                + "mixed with part of the retain set at its true labels. The model stops "
                                + "predicting the true class on the forget set, and the retain samples hold the "
                                + "rest of its behaviour in place. Strong for forgetting a whole class; on a "
                                + "random subset it can push forget accuracy below that of a retrained model, "
                                + "which itself is a visible trace of unlearning.",
                        RandomLabelParams.class, RandomLabelParams.defaults(), DataNeeds.RETAIN_OPTIONAL,
                        new RandomLabel()),
                new MethodDescriptor<>(BoundaryShrink.ID, "Boundary shrink (BS)",
                        "For each forget sample, a one-step adversarial attack on the frozen original finds "
                                + "the nearest wrong class; the model is then trained to predict that class for "
                                + "the clean sample, shrinking the forgotten region towards its neighbours. "
                                + "Designed for forgetting a whole class, where the neighbouring labels are "
                                + "what a retrained model would predict; samples the attack cannot flip keep "
                                + "their true label and are not forgotten.",
                        BoundaryShrinkParams.class, BoundaryShrinkParams.defaults(), DataNeeds.RETAIN_OPTIONAL,
                        new BoundaryShrink()),
                new MethodDescriptor<>(L1Sparse.ID, "l1-sparse",
                        "Fine-tune on the retain set with an l1 penalty that drives weights towards zero, its "
                                + "strength decaying over the epochs. Pruning-like sparsity removes capacity that "
                                + "only the forget set used, so it forgets more than plain fine-tuning at a "
                                + "similar cost. Too strong a penalty costs accuracy everywhere.",
                        L1SparseParams.class, L1SparseParams.defaults(), DataNeeds.RETAIN_REQUIRED,
                        new L1Sparse()),
                new MethodDescriptor<>(SalUn.ID, "SalUn",
                        "Random-label unlearning restricted to the weights that matter most for the forget "
                                + "set (largest forget-loss gradient); the other weights stay exactly at the "
                                + "original's values. Touching fewer weights keeps retain and test accuracy "
                                + "closer to the original than plain random labels. The mask ratio trades "
                                + "forgetting strength against that; the legacy switch reproduces the published "
                                + "code, where weight decay still moved the frozen weights.",
                        SalUnParams.class, SalUnParams.defaults(), DataNeeds.RETAIN_OPTIONAL, new SalUn()),
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
