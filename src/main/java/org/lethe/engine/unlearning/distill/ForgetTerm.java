package org.lethe.engine.unlearning.distill;

/** Which reading of the seed's "negative loss of the teacher on the forget set" the forget term uses. */
public enum ForgetTerm {
    /**
     * The teacher's per-sample loss becomes a weight: {@code w(x) = softmax over D_F of −ℓ_T(x)},
     * rescaled to mean 1, multiplies the student's bounded ascent term, so samples the teacher fits
     * best (memorised ones) are pushed hardest and samples it already gets wrong barely at all.
     */
    TEACHER_WEIGHTED,
    /** The student's own bounded cross-entropy on D_F is ascended, every sample with weight 1. */
    STUDENT_ASCENT
}
