package org.lethe.engine.session;

import java.util.List;
import java.util.Objects;
import org.lethe.engine.data.ImageDataset;
import org.lethe.engine.experiment.Comparison;
import org.lethe.engine.model.TrainedModel;

/**
 * A session brought back to life: the dataset loaded and checked against its hash, and the
 * comparison evaluated again from the stored models.
 *
 * @param session what was read from the file
 * @param dataset the reloaded dataset (its hash equals the session's)
 * @param original the original model, or null
 * @param comparison the re-evaluated comparison, or null when the session compared nothing
 */
public record RestoredSession(Session session, ImageDataset dataset, TrainedModel original, Comparison comparison) {

    public RestoredSession {
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(dataset, "dataset");
    }

    /** The forget set's training indices, ascending. */
    public int[] forget() {
        return session.forget();
    }

    /** The experiments history, oldest first. */
    public List<SessionRun> history() {
        return session.history();
    }
}
