package org.lethe.engine.session;

import java.util.List;
import java.util.Objects;
import org.lethe.engine.evaluation.ModelEvaluator;
import org.lethe.engine.model.TrainedModel;

/**
 * Everything a workbench session holds, as it is saved: where the data comes from, the forget
 * set, the original model, the models compared with it (in the order they joined the comparison)
 * and the experiments history. Immutable.
 *
 * @param dataset the dataset reference
 * @param forget the forget set: training indices, ascending, without repeats (may be empty)
 * @param evaluation how the comparison samples the retain set
 * @param original the trained original, or null when none was trained yet
 * @param compared the retrained and unlearned models (empty without a comparison)
 * @param history every finished run, oldest first
 */
public record Session(DatasetRef dataset, int[] forget, Evaluation evaluation, TrainedModel original,
        List<ComparedModel> compared, List<SessionRun> history) {

    /**
     * The comparison's evaluation settings.
     *
     * @param retainSample at most this many retain samples are evaluated
     * @param seed seed of that sample
     */
    public record Evaluation(int retainSample, long seed) {

        /** What the workbench uses. */
        public static final Evaluation WORKBENCH = new Evaluation(ModelEvaluator.DEFAULT_RETAIN_SAMPLE, 0);

        public Evaluation {
            if (retainSample < 1) {
                throw new IllegalArgumentException("retainSample must be at least 1, was " + retainSample);
            }
        }
    }

    public Session {
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(evaluation, "evaluation");
        forget = forget == null ? new int[0] : forget.clone();
        for (int i = 0; i < forget.length; i++) {
            if (forget[i] < 0 || (i > 0 && forget[i] <= forget[i - 1])) {
                throw new IllegalArgumentException("forget indices must be ascending, distinct and non-negative;"
                        + " found " + forget[i] + " at position " + i);
            }
        }
        compared = List.copyOf(compared == null ? List.of() : compared);
        history = List.copyOf(history == null ? List.of() : history);
        if (original == null && !compared.isEmpty()) {
            throw new IllegalArgumentException("compared models need the original they were compared with");
        }
        if (!compared.isEmpty() && forget.length == 0) {
            throw new IllegalArgumentException("compared models need the forget set they were compared on");
        }
        long distinct = compared.stream().map(ComparedModel::label).distinct().count();
        if (distinct != compared.size()) {
            throw new IllegalArgumentException("compared models need distinct labels");
        }
    }

    @Override
    public int[] forget() {
        return forget.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Session s && dataset.equals(s.dataset) && java.util.Arrays.equals(forget, s.forget)
                && evaluation.equals(s.evaluation) && Objects.equals(original, s.original)
                && compared.equals(s.compared) && history.equals(s.history);
    }

    @Override
    public int hashCode() {
        return Objects.hash(dataset, java.util.Arrays.hashCode(forget), evaluation, original, compared, history);
    }

    /** One line for people: "mnist (first 5,000 training images), 493 to forget, mlp, 4 models compared, 5 runs". */
    public String summary() {
        return String.format("%s, %,d to forget, %s, %d model%s compared, %d run%s", dataset.describe(), forget.length,
                original == null ? "no model" : original.spec().architecture().id(), compared.size(),
                compared.size() == 1 ? "" : "s", history.size(), history.size() == 1 ? "" : "s");
    }

    @Override
    public String toString() {
        return "Session[" + summary() + "]";
    }
}
