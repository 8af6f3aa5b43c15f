package org.lethe.engine.model.optim;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.Arrays;

/**
 * Learning rate per epoch, with the semantics of PyTorch's schedulers stepped once per epoch
 * (epoch numbers start at 0). Serialised to JSON with a {@code "type"} field.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = LrSchedule.Constant.class, name = "constant"),
        @JsonSubTypes.Type(value = LrSchedule.Step.class, name = "step"),
        @JsonSubTypes.Type(value = LrSchedule.MultiStep.class, name = "multistep"),
        @JsonSubTypes.Type(value = LrSchedule.Cosine.class, name = "cosine")})
public sealed interface LrSchedule {

    /** The learning rate used throughout epoch {@code epoch} (0-based). */
    double lr(int epoch);

    /** The learning rate of epoch 0. */
    double baseLr();

    /** A constant learning rate. */
    static LrSchedule constant(double lr) {
        return new Constant(lr);
    }

    /** A constant learning rate. */
    record Constant(double baseLr) implements LrSchedule {
        public Constant {
            checkLr(baseLr);
        }

        @Override
        public double lr(int epoch) {
            return baseLr;
        }
    }

    /** StepLR: {@code baseLr · gamma^floor(epoch / stepSize)}. */
    record Step(double baseLr, int stepSize, double gamma) implements LrSchedule {
        public Step {
            checkLr(baseLr);
            if (stepSize < 1 || !(gamma > 0)) {
                throw new IllegalArgumentException("step schedule needs stepSize >= 1 and gamma > 0, got " + stepSize
                        + ", " + gamma);
            }
        }

        @Override
        public double lr(int epoch) {
            return baseLr * Math.pow(gamma, epoch / stepSize);
        }
    }

    /** MultiStepLR: {@code baseLr · gamma^(number of milestones ≤ epoch)}. */
    record MultiStep(double baseLr, int[] milestones, double gamma) implements LrSchedule {
        public MultiStep {
            checkLr(baseLr);
            milestones = milestones.clone();
            for (int i = 0; i < milestones.length; i++) {
                if (milestones[i] < 0 || (i > 0 && milestones[i] <= milestones[i - 1])) {
                    throw new IllegalArgumentException("milestones must be increasing and >= 0, got "
                            + Arrays.toString(milestones));
                }
            }
            if (!(gamma > 0)) {
                throw new IllegalArgumentException("gamma must be > 0, was " + gamma);
            }
        }

        @Override
        public int[] milestones() {
            return milestones.clone();
        }

        @Override
        public double lr(int epoch) {
            int passed = 0;
            for (int m : milestones) {
                if (m <= epoch) {
                    passed++;
                }
            }
            return baseLr * Math.pow(gamma, passed);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof MultiStep s && s.baseLr == baseLr && s.gamma == gamma
                    && Arrays.equals(s.milestones, milestones);
        }

        @Override
        public int hashCode() {
            return Double.hashCode(baseLr) * 31 + Arrays.hashCode(milestones) + Double.hashCode(gamma);
        }

        @Override
        public String toString() {
            return "MultiStep[baseLr=" + baseLr + ", milestones=" + Arrays.toString(milestones) + ", gamma=" + gamma + "]";
        }
    }

    /**
     * CosineAnnealingLR (closed form): {@code etaMin + (baseLr − etaMin)(1 + cos(π·epoch/tMax))/2},
     * held at etaMin after tMax.
     */
    record Cosine(double baseLr, int tMax, double etaMin) implements LrSchedule {
        public Cosine {
            checkLr(baseLr);
            if (tMax < 1 || !(etaMin >= 0)) {
                throw new IllegalArgumentException("cosine schedule needs tMax >= 1 and etaMin >= 0, got " + tMax
                        + ", " + etaMin);
            }
        }

        @Override
        public double lr(int epoch) {
            int e = Math.min(epoch, tMax);
            return etaMin + (baseLr - etaMin) * (1 + Math.cos(Math.PI * e / tMax)) / 2;
        }
    }

    private static void checkLr(double lr) {
        if (!(lr > 0) || Double.isInfinite(lr)) {
            throw new IllegalArgumentException("learning rate must be > 0, was " + lr);
        }
    }
}
