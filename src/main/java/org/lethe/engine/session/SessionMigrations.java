package org.lethe.engine.session;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Brings the {@code session.json} of an older format version up to the current one, one version at
 * a time, and explains versions it cannot read. Each step takes the JSON of version {@code n} and
 * returns the JSON of version {@code n + 1}; the models inside a session are {@code .lethe} files
 * with their own version, which {@link org.lethe.engine.model.ModelStore} checks.
 */
public final class SessionMigrations {

    /** The version this code writes. */
    public static final int CURRENT = 1;
    /** The oldest version that can be read (possibly after migration). */
    public static final int OLDEST = 1;

    /**
     * One upgrade step.
     *
     * @param from the version it reads
     * @param change what it changes, for the log
     * @param upgrade turns the JSON of {@code from} into the JSON of {@code from + 1}
     */
    public record Step(int from, String change, UnaryOperator<ObjectNode> upgrade) {

        public Step {
            Objects.requireNonNull(change, "change");
            Objects.requireNonNull(upgrade, "upgrade");
        }
    }

    /** The steps from {@link #OLDEST} to {@link #CURRENT}; empty while there is only one version. */
    static final List<Step> STEPS = List.of();

    private SessionMigrations() {
    }

    /**
     * The JSON of {@code version} brought to {@link #CURRENT}.
     *
     * @throws SessionException for a version newer than this Lethe reads, or older than any it can migrate
     */
    static ObjectNode upgrade(Path file, ObjectNode root, int version) {
        return upgrade(file, root, version, CURRENT, OLDEST, STEPS);
    }

    /** The same over an explicit list of steps (tests exercise the mechanism with their own). */
    static ObjectNode upgrade(Path file, ObjectNode root, int version, int current, int oldest, List<Step> steps) {
        if (version > current) {
            throw new SessionException(file, "written by a newer Lethe (session format version " + version
                    + "); this Lethe reads versions " + oldest + " to " + current
                    + ". Update Lethe to open it; nothing was changed.");
        }
        if (version < oldest) {
            throw new SessionException(file, "session format version " + version + " is older than any this Lethe"
                    + " can open (" + oldest + " to " + current + "). Open it with the Lethe release that wrote it,"
                    + " or start a new session.");
        }
        ObjectNode node = root;
        for (int v = version; v < current; v++) {
            int from = v;
            Step step = steps.stream().filter(s -> s.from() == from).findFirst().orElseThrow(
                    () -> new SessionException(file, "no migration from session format version " + from
                            + " to " + (from + 1)));
            node = step.upgrade().apply(node.deepCopy());
            node.put("version", from + 1);
        }
        return node;
    }
}
