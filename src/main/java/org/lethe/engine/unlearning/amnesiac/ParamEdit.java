package org.lethe.engine.unlearning.amnesiac;

import java.util.BitSet;
import java.util.List;
import org.lethe.engine.data.IndexView;
import org.lethe.engine.job.JobContext;
import org.lethe.engine.model.BatchHook;
import org.lethe.engine.model.Network;
import org.lethe.engine.model.Trainer;
import org.lethe.engine.model.TrainingResult;
import org.lethe.engine.model.optim.FlatVectors;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Shared steps of both variants: validation, adding stored vectors to a copy, the repair run. */
final class ParamEdit {

    private ParamEdit() {
    }

    /** The forget set as a bit set, after checking each index is a candidate. */
    static BitSet forgetSet(int[] forget, java.util.function.IntPredicate isCandidate, String what) {
        if (forget == null || forget.length == 0) {
            throw new AmnesiacException("forget set: expected at least one split index, found none");
        }
        BitSet set = new BitSet();
        StringBuilder missing = new StringBuilder();
        int missingCount = 0;
        for (int i : forget) {
            if (i < 0 || !isCandidate.test(i)) {
                if (missingCount++ < 10) {
                    missing.append(missing.length() == 0 ? "" : ", ").append(i);
                }
            } else {
                set.set(i);
            }
        }
        if (missingCount > 0) {
            throw new AmnesiacException("forget set: " + missingCount + " split indices were not recorded as "
                    + what + " during training (e.g. " + missing + "); only candidates can be forgotten");
        }
        return set;
    }

    /** A copy of {@code trained} with parameters {@code θ + sign · Σ vectors}. */
    static Network apply(Network trained, List<FlatDelta> vectors, double sign) {
        double[] theta = FlatVectors.read(trained.params());
        for (FlatDelta v : vectors) {
            if (v.length() != theta.length) {
                throw new AmnesiacException("recorded vector has " + v.length() + " parameters, the network has "
                        + theta.length + "; the record belongs to another network");
            }
            v.addTo(theta, sign);
        }
        Network copy = trained.copy();
        INDArray flat = Nd4j.createFromArray(theta);
        copy.setParams(flat);
        flat.close();
        return copy;
    }

    /** Runs the repair fine-tune on {@code network} in place, or returns null when repair is off. */
    static TrainingResult repair(Network network, Repair repair, IndexView retain, JobContext ctx) {
        if (repair == null || !repair.enabled()) {
            return null;
        }
        if (retain == null || retain.isEmpty()) {
            throw new AmnesiacException("repair: expected a non-empty retain set, found "
                    + (retain == null ? "none" : "an empty one"));
        }
        return new Trainer().train(network, retain, null, repair.toTrainingConfig(), BatchHook.NONE, ctx);
    }
}
