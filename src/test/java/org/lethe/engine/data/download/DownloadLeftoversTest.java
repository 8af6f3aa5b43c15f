package org.lethe.engine.data.download;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.lethe.engine.job.CancellationToken;
import org.lethe.engine.job.JobCancelledException;
import org.lethe.engine.job.JobContext;
import org.lethe.engine.job.ProgressListener;

/**
 * The two download cases of issue #8 that {@link DownloaderTest} leaves out: a complete part file
 * left by a crash just before its rename is never taken for the download, and cancelling a
 * re-download keeps the earlier file and leaves no part file.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class DownloadLeftoversTest {

    private static final String IMAGES = "t10k-images-idx3-ubyte.gz";

    @TempDir
    Path temp;

    private LocalFileServer server;
    private Downloader downloader;
    private byte[] images;
    private RemoteFile slow;
    private RemoteFile ok;

    @BeforeEach
    void start() throws Exception {
        images = Files.readAllBytes(Path.of("sample-data/mnist", IMAGES));
        server = new LocalFileServer();
        server.put(IMAGES, images);
        downloader = new Downloader(new DownloadOptions(Duration.ofSeconds(2), Duration.ofSeconds(3),
                Duration.ofMillis(800), 3));
        Checksum sha = Checksum.sha256(Checksum.toHex(MessageDigest.getInstance("SHA-256").digest(images)));
        slow = new RemoteFile(server.uri("/slow/" + IMAGES), IMAGES, images.length, sha);
        ok = new RemoteFile(server.uri("/ok/" + IMAGES), IMAGES, images.length, sha);
    }

    @AfterEach
    void stop() throws InterruptedException {
        server.close();
    }

    @Test
    void aCompletePartFileIsNeverTakenForTheDownload() throws Exception {
        Path target = Files.createDirectories(temp.resolve("data"));
        // a crash between the last write and the rename leaves the whole, correct content under .part
        Files.write(target.resolve(IMAGES + ".4711.part"), images);

        assertThat(Downloader.isDownloaded(ok, target)).isFalse();
        Path result = downloader.download(ok, target, JobContext.detached());

        assertThat(server.requests()).as("fetched again, not adopted").isEqualTo(1);
        assertThat(Files.readAllBytes(result)).isEqualTo(images);
        assertThat(files(target)).containsExactly(IMAGES);
    }

    @Test
    void cancellingARedownloadKeepsTheEarlierFileAndLeavesNoPart() throws Exception {
        Path target = Files.createDirectories(temp.resolve("data"));
        byte[] earlier = "an earlier, different copy".getBytes(StandardCharsets.UTF_8);
        Files.write(target.resolve(IMAGES), earlier);
        server.slowPace(16 * 1024, 20);
        CancellationToken token = new CancellationToken();
        ExecutorService worker = Executors.newSingleThreadExecutor();
        try {
            Future<Path> running = worker.submit(
                    () -> downloader.download(slow, target, new JobContext(ProgressListener.NONE, token)));
            assertThat(server.awaitSlowStart(5_000)).isTrue();
            Thread.sleep(150);
            assertThat(files(target)).as("a part file exists while the transfer runs").hasSize(2);
            token.cancel();
            assertThatThrownBy(() -> running.get(5, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(JobCancelledException.class);
        } finally {
            worker.shutdownNow();
        }
        assertThat(files(target)).containsExactly(IMAGES);
        assertThat(Files.readAllBytes(target.resolve(IMAGES))).isEqualTo(earlier);
    }

    private static List<String> files(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
