package org.lethe.engine.experiment.sweep;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.Objects;

/**
 * One independent unit of a scenario sweep. Tasks name what to do, never how to get the data: the
 * worker that runs a task loads the dataset and earlier tasks' models from its {@link SweepStore}.
 *
 * @param kind what the task does
 * @param seed the scenario seed it belongs to
 * @param method the index of the method in the scenario's method list ({@link Kind#UNLEARN} only,
 *     otherwise -1)
 * @param reference the index of the RMIA reference model ({@link Kind#TRAIN_REFERENCE} only,
 *     otherwise -1)
 */
public record SweepTask(Kind kind, long seed, int method, int reference) {

    /** What a task does, in dependency order. */
    public enum Kind {
        /** Train the seed's original model on the whole training split. */
        TRAIN_ORIGINAL,
        /** Train one of the seed's RMIA reference models on its random half of train + test. */
        TRAIN_REFERENCE,
        /** Retrain the seed's original without the forget set and evaluate both models. */
        RETRAIN,
        /** Run one method on the seed's original and evaluate the result against the retrained model. */
        UNLEARN
    }

    /** Checks that the indices fit the kind. */
    @JsonCreator
    public SweepTask {
        Objects.requireNonNull(kind, "kind");
        if (kind == Kind.UNLEARN && method < 0) {
            throw new IllegalArgumentException("an unlearning task needs a method index >= 0, was " + method);
        }
        if (kind != Kind.UNLEARN && method != -1) {
            throw new IllegalArgumentException(kind + " tasks have no method index (-1), was " + method);
        }
        if (kind == Kind.TRAIN_REFERENCE && reference < 0) {
            throw new IllegalArgumentException("a reference-model task needs a reference index >= 0, was "
                    + reference);
        }
        if (kind != Kind.TRAIN_REFERENCE && reference != -1) {
            throw new IllegalArgumentException(kind + " tasks have no reference index (-1), was " + reference);
        }
    }

    /** A task that is not a reference model's ({@code reference} is -1). */
    public SweepTask(Kind kind, long seed, int method) {
        this(kind, seed, method, -1);
    }

    /** Trains the original of {@code seed}. */
    public static SweepTask trainOriginal(long seed) {
        return new SweepTask(Kind.TRAIN_ORIGINAL, seed, -1);
    }

    /** Trains RMIA reference model number {@code reference} of {@code seed}. */
    public static SweepTask trainReference(long seed, int reference) {
        return new SweepTask(Kind.TRAIN_REFERENCE, seed, -1, reference);
    }

    /** Retrains the original of {@code seed} without its forget set. */
    public static SweepTask retrain(long seed) {
        return new SweepTask(Kind.RETRAIN, seed, -1);
    }

    /** Runs the scenario's method number {@code method} for {@code seed}. */
    public static SweepTask unlearn(long seed, int method) {
        return new SweepTask(Kind.UNLEARN, seed, method);
    }

    /** A stable name, also the task's file name stem in a folder store: {@code seed-3/method-1}. */
    public String id() {
        String folder = "seed-" + seed + "/";
        return switch (kind) {
            case TRAIN_ORIGINAL -> folder + "original";
            case TRAIN_REFERENCE -> folder + "reference-" + reference;
            case RETRAIN -> folder + "retrained";
            case UNLEARN -> folder + "method-" + method;
        };
    }

    /**
     * The stage this task belongs to: every task of a stage depends only on earlier stages. Originals
     * and reference models need nothing, so they share stage 0; retraining is stage 1, unlearning 2.
     */
    public int stage() {
        return switch (kind) {
            case TRAIN_ORIGINAL, TRAIN_REFERENCE -> 0;
            case RETRAIN -> 1;
            case UNLEARN -> 2;
        };
    }
}
