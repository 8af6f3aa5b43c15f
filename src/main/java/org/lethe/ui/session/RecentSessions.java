package org.lethe.ui.session;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.lethe.engine.io.AtomicFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The recently opened or saved session files, newest first, kept in a small text file (one path
 * per line) in the user's session folder. A broken list is ignored, never an error.
 */
public final class RecentSessions {

    private static final Logger LOG = LoggerFactory.getLogger(RecentSessions.class);
    /** How many files the list keeps. */
    public static final int LIMIT = 8;

    private final Path listFile;

    /** A list stored in {@code listFile}. */
    public RecentSessions(Path listFile) {
        this.listFile = Objects.requireNonNull(listFile, "listFile");
    }

    /** The files, newest first; files that no longer exist are left out. */
    public List<Path> read() {
        if (!Files.isRegularFile(listFile)) {
            return List.of();
        }
        try {
            List<Path> paths = new ArrayList<>();
            for (String line : Files.readAllLines(listFile, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    Path p = Path.of(line.strip());
                    if (Files.isRegularFile(p) && !paths.contains(p)) {
                        paths.add(p);
                    }
                }
            }
            return List.copyOf(paths.subList(0, Math.min(LIMIT, paths.size())));
        } catch (IOException | RuntimeException e) {
            LOG.warn("ignoring the unreadable recent-sessions list {}: {}", listFile, e.toString());
            return List.of();
        }
    }

    /** Puts {@code file} first and returns the new list. */
    public List<Path> add(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        List<Path> paths = new ArrayList<>(read());
        paths.remove(absolute);
        paths.add(0, absolute);
        List<Path> kept = List.copyOf(paths.subList(0, Math.min(LIMIT, paths.size())));
        StringBuilder text = new StringBuilder();
        kept.forEach(p -> text.append(p).append('\n'));
        try {
            AtomicFiles.write(listFile, out -> out.write(text.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            LOG.warn("cannot update the recent-sessions list {}: {}", listFile, e.toString());
        }
        return kept;
    }
}
