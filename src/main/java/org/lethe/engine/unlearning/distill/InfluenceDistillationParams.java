package org.lethe.engine.unlearning.distill;

import org.lethe.engine.unlearning.MethodParamException;
import org.lethe.engine.unlearning.Param;

/**
 * Parameters of influence distillation. The optimizer is Adam at a constant rate (SCRUB's small-scale
 * setting uses Adam with lr 5e-4; the default 1e-3 over 10 epochs forgot MNIST class 3 to 2% forget
 * accuracy with 99.5% retain accuracy on the test fixture, where 5e-4 over 5 epochs left 40%). The forget term's per-sample cross-entropy is clipped at
 * {@code ln(numClasses) + ceilingMargin}: once a forget sample looks no better than chance (plus the
 * margin), it stops being pushed.
 */
public record InfluenceDistillationParams(
        @Param("forget term: TEACHER_WEIGHTED (teacher's loss as weights) or STUDENT_ASCENT (plain ascent)")
        ForgetTerm forgetTerm,
        @Param("student start: TEACHER (a copy) or SCRATCH (fresh weights)") StudentInit studentInit,
        @Param(value = "student hidden widths as a share of the teacher's (below 1 needs SCRATCH)", min = 0.01, max = 1)
        double studentWidthFactor,
        @Param(value = "passes over the forget set and the sampled retain set", min = 1, max = 200) int epochs,
        @Param(value = "Adam learning rate", min = 1e-7, max = 1) double lr,
        @Param(value = "mini-batch size", min = 1, max = 4096) int batchSize,
        @Param(value = "share of the retain set drawn anew each epoch", min = 0.001, max = 1) double retainFraction,
        @Param(value = "weight λ of the forget term", min = 0, max = 100) double forgetWeight,
        @Param(value = "the forget cross-entropy is clipped at ln(classes) + this margin", min = 0, max = 1000)
        double ceilingMargin,
        @Param(value = "weight of the τ²-scaled KL term added to the logit MSE (0 = MSE only)", min = 0, max = 100)
        double klWeight,
        @Param(value = "distillation temperature τ of the KL term", min = 0.1, max = 100) double temperature,
        @Param("drop the forget term in epochs where forget accuracy is already at or below test accuracy")
        boolean stopAtTestAccuracy,
        @Param(value = "seed for sampling, shuffling and a fresh student's weights") long seed) {

    static final String ID = "influence-distillation";

    public InfluenceDistillationParams {
        if (forgetTerm == null) {
            throw new MethodParamException(ID + ": forgetTerm missing, expected TEACHER_WEIGHTED or STUDENT_ASCENT");
        }
        if (studentInit == null) {
            throw new MethodParamException(ID + ": studentInit missing, expected TEACHER or SCRATCH");
        }
        MethodParamException.checkRange(ID, "studentWidthFactor", studentWidthFactor, 0.01, 1);
        if (studentWidthFactor < 1 && studentInit == StudentInit.TEACHER) {
            throw new MethodParamException(ID + ": a student narrower than the teacher (studentWidthFactor="
                    + studentWidthFactor + ") cannot start from the teacher's weights; set studentInit=SCRATCH or "
                    + "studentWidthFactor=1");
        }
        MethodParamException.checkRange(ID, "epochs", epochs, 1, 200);
        MethodParamException.checkRange(ID, "lr", lr, 1e-7, 1);
        MethodParamException.checkRange(ID, "batchSize", batchSize, 1, 4096);
        MethodParamException.checkRange(ID, "retainFraction", retainFraction, 0.001, 1);
        MethodParamException.checkRange(ID, "forgetWeight", forgetWeight, 0, 100);
        MethodParamException.checkRange(ID, "ceilingMargin", ceilingMargin, 0, 1000);
        MethodParamException.checkRange(ID, "klWeight", klWeight, 0, 100);
        MethodParamException.checkRange(ID, "temperature", temperature, 0.1, 100);
    }

    /** The defaults. */
    public static InfluenceDistillationParams defaults() {
        return new InfluenceDistillationParams(ForgetTerm.TEACHER_WEIGHTED, StudentInit.TEACHER, 1, 10, 1e-3, 32, 0.2,
                1, 1, 0, 4, false, 0);
    }
}
