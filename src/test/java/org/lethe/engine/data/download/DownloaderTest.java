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
import java.util.concurrent.CopyOnWriteArrayList;
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

/** Downloads real sample files from an HTTP server on 127.0.0.1, including broken transfers. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class DownloaderTest {

    private static final String LABELS = "t10k-labels-idx1-ubyte.gz";
    private static final String IMAGES = "t10k-images-idx3-ubyte.gz";
    private static final String CIFAR = "cifar-10-binary-subset.tar.gz";
    private static final String LABELS_SHA256 = "b91679a0acfe4ba0e50a2437a903084cba1f5f92592b016a25a7dfd00455798b";
    private static final String CIFAR_SHA256 = "23af44f67b5d3cd349cbf026c8793b29e00d52bf4f882fb670738c87b65d4f75";

    @TempDir
    Path temp;

    private LocalFileServer server;
    private Downloader downloader;
    private byte[] labels;
    private byte[] images;
    private byte[] cifar;
    private Path target;

    @BeforeEach
    void startServer() throws IOException {
        labels = Files.readAllBytes(Path.of("sample-data/mnist", LABELS));
        images = Files.readAllBytes(Path.of("sample-data/mnist", IMAGES));
        cifar = Files.readAllBytes(Path.of("sample-data/cifar10", CIFAR));
        server = new LocalFileServer();
        server.put(LABELS, labels);
        server.put(IMAGES, images);
        server.put(CIFAR, cifar);
        downloader = new Downloader(new DownloadOptions(Duration.ofSeconds(2), Duration.ofSeconds(3),
                Duration.ofMillis(500), 3));
        target = temp.resolve("data");
    }

    @AfterEach
    void stopServer() throws InterruptedException {
        server.close();
    }

    @Test
    void goodDownloadLandsWithTheRightBytesAndProgressRisesToOne() throws Exception {
        assertThat(sha256(cifar)).as("sample data intact").isEqualTo(CIFAR_SHA256);
        RemoteFile file = remote("/ok/" + CIFAR, CIFAR, cifar.length, Checksum.sha256(CIFAR_SHA256));
        Recorder progress = new Recorder();

        long start = System.nanoTime();
        Path result = downloader.download(file, target, progress.context());
        double seconds = (System.nanoTime() - start) / 1e9;

        assertThat(result).isEqualTo(target.resolve(CIFAR));
        assertThat(Files.readAllBytes(result)).isEqualTo(cifar);
        assertThat(progress.fractions()).first().isEqualTo(0.0);
        assertThat(progress.fractions()).isSorted().allMatch(f -> f >= 0 && f <= 1);
        assertThat(progress.fractions()).last().isEqualTo(1.0);
        assertThat(progress.messages()).last().asString().contains(CIFAR).contains("SHA-256 verified");
        // start, final and at most ten per second in between
        assertThat(progress.fractions().size()).isLessThanOrEqualTo(3 + (int) Math.ceil(seconds * 10));
        assertThat(onlyFiles(target)).containsExactly(CIFAR);
    }

    @Test
    void slowTransferReportsIntermediateProgressInMegabytes() throws Exception {
        server.slowPace(64 * 1024, 25); // 1.6 MB in 25 chunks, about 0.6 s
        RemoteFile file = remote("/slow/" + IMAGES, IMAGES, images.length, Checksum.sha256(sha256(images)));
        Recorder progress = new Recorder();

        downloader.download(file, target, progress.context());

        assertThat(Files.readAllBytes(target.resolve(IMAGES))).isEqualTo(images);
        assertThat(progress.fractions()).isSorted().last().isEqualTo(1.0);
        assertThat(progress.fractions()).anyMatch(f -> f > 0 && f < 1);
        assertThat(progress.messages()).anyMatch(m -> m.matches(
                "Downloading t10k-images-idx3-ubyte\\.gz: \\d+\\.\\d / 1\\.5 MB"));
        // 25 chunks arrive, but reports are limited to about ten a second
        assertThat(progress.fractions().size()).isLessThan(server.slowChunksSent());
    }

    @Test
    void cacheHitReturnsTheExistingFileWithoutAskingTheServer() throws Exception {
        RemoteFile file = remote("/ok/" + LABELS, LABELS, labels.length, Checksum.sha256(LABELS_SHA256));
        downloader.download(file, target, JobContext.detached());
        assertThat(server.requests()).isEqualTo(1);
        Recorder progress = new Recorder();

        Path again = downloader.download(file, target, progress.context());

        assertThat(server.requests()).isEqualTo(1);
        assertThat(Files.readAllBytes(again)).isEqualTo(labels);
        assertThat(progress.messages()).last().asString().contains("already downloaded and verified");
        assertThat(progress.fractions()).last().isEqualTo(1.0);
        assertThat(Downloader.isDownloaded(file, target)).isTrue();
    }

    @Test
    void existingGoodFileIsKeptEvenWhenTheSourceIsBroken() throws Exception {
        Files.createDirectories(target);
        Files.write(target.resolve(LABELS), labels);
        RemoteFile broken = remote("/corrupt/" + LABELS, LABELS, labels.length, Checksum.sha256(LABELS_SHA256));

        Path result = downloader.download(broken, target, JobContext.detached());

        assertThat(server.requests()).isZero();
        assertThat(Files.readAllBytes(result)).isEqualTo(labels);
    }

    @Test
    void truncatedTransferFailsAndLeavesNothingBehind() throws Exception {
        RemoteFile file = remote("/truncated/" + CIFAR, CIFAR, cifar.length, Checksum.sha256(CIFAR_SHA256));

        assertThatThrownBy(() -> downloader.download(file, target, JobContext.detached()))
                .isInstanceOf(DownloadException.class)
                .hasMessageStartingWith(CIFAR + ": ")
                .hasMessageContaining("cut short")
                .hasMessageContaining("of " + cifar.length + " bytes");
        assertThat(onlyFiles(target)).isEmpty();
    }

    @Test
    void bodyShorterThanTheExpectedSizeFails() throws Exception {
        // the server is consistent (Content-Length matches what it sends) but the file is not the one expected
        server.put("half.gz", java.util.Arrays.copyOf(labels, labels.length / 2));
        RemoteFile file = remote("/ok/half.gz", "half.gz", RemoteFile.UNKNOWN_SIZE, Checksum.sha256(LABELS_SHA256));
        RemoteFile sized = remote("/ok/half.gz", "half.gz", labels.length, Checksum.sha256(LABELS_SHA256));

        assertThatThrownBy(() -> downloader.download(file, target, JobContext.detached()))
                .isInstanceOf(DownloadException.class).hasMessageContaining("SHA-256 is ");
        assertThatThrownBy(() -> downloader.download(sized, target, JobContext.detached()))
                .isInstanceOf(DownloadException.class)
                .hasMessageContaining("announces " + labels.length / 2 + " bytes, expected " + labels.length);
        assertThat(onlyFiles(target)).isEmpty();
    }

    @Test
    void corruptedTransferFailsTheChecksumAndLeavesNothingBehind() throws Exception {
        RemoteFile file = remote("/corrupt/" + CIFAR, CIFAR, cifar.length, Checksum.sha256(CIFAR_SHA256));

        assertThatThrownBy(() -> downloader.download(file, target, JobContext.detached()))
                .isInstanceOf(DownloadException.class)
                .hasMessageStartingWith(CIFAR + ": SHA-256 is ")
                .hasMessageContaining("expected " + CIFAR_SHA256)
                .hasMessageContaining("corrupt; try again");
        assertThat(onlyFiles(target)).isEmpty();
    }

    @Test
    void md5ChecksumsAreVerifiedToo() throws Exception {
        String md5 = Checksum.toHex(MessageDigest.getInstance("MD5").digest(labels));
        RemoteFile good = remote("/ok/" + LABELS, LABELS, labels.length, Checksum.md5(md5));
        RemoteFile bad = remote("/corrupt/" + LABELS, LABELS, labels.length, Checksum.md5(md5));

        assertThatThrownBy(() -> downloader.download(bad, target, JobContext.detached()))
                .isInstanceOf(DownloadException.class).hasMessageContaining("MD5 is ");
        assertThat(Files.readAllBytes(downloader.download(good, target, JobContext.detached()))).isEqualTo(labels);
    }

    @Test
    void httpErrorStatusIsNamed() throws Exception {
        RemoteFile file = remote("/ok/nothing-here.gz", "nothing-here.gz", 10, Checksum.sha256(LABELS_SHA256));

        assertThatThrownBy(() -> downloader.download(file, target, JobContext.detached()))
                .isInstanceOf(DownloadException.class)
                .hasMessageStartingWith("nothing-here.gz: server answered HTTP 404 (not found) for http://127.0.0.1:");
        assertThat(onlyFiles(target)).isEmpty();
    }

    @Test
    void failedRedownloadLeavesTheEarlierCompleteFileUntouched() throws Exception {
        byte[] previous = "an older, complete release of this file".getBytes(StandardCharsets.UTF_8);
        Files.createDirectories(target);
        Files.write(target.resolve(CIFAR), previous);

        for (String mode : List.of("/corrupt/", "/truncated/", "/missing/")) {
            RemoteFile file = remote(mode + CIFAR, CIFAR, cifar.length, Checksum.sha256(CIFAR_SHA256));
            assertThatThrownBy(() -> downloader.download(file, target, JobContext.detached()))
                    .as(mode).isInstanceOf(DownloadException.class);
            assertThat(Files.readAllBytes(target.resolve(CIFAR))).as(mode).isEqualTo(previous);
            assertThat(onlyFiles(target)).as(mode).containsExactly(CIFAR);
        }
        // and a good download then replaces it
        RemoteFile good = remote("/ok/" + CIFAR, CIFAR, cifar.length, Checksum.sha256(CIFAR_SHA256));
        assertThat(Files.readAllBytes(downloader.download(good, target, JobContext.detached()))).isEqualTo(cifar);
    }

    @Test
    void cancellationMidTransferStopsPromptlyAndLeavesNothingBehind() throws Exception {
        server.slowPace(16 * 1024, 20); // the whole file would take about two seconds
        RemoteFile file = remote("/slow/" + IMAGES, IMAGES, images.length, Checksum.sha256(sha256(images)));
        CancellationToken token = new CancellationToken();
        ExecutorService worker = Executors.newSingleThreadExecutor();
        try {
            Future<Path> running = worker.submit(
                    () -> downloader.download(file, target, new JobContext(ProgressListener.NONE, token)));
            assertThat(server.awaitSlowStart(5_000)).isTrue();
            Thread.sleep(100);
            long cancelledAt = System.nanoTime();
            token.cancel();

            assertThatThrownBy(() -> running.get(5, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(JobCancelledException.class);
            assertThat((System.nanoTime() - cancelledAt) / 1e6).as("ms to stop").isLessThan(1_000);
            assertThat(server.slowChunksSent()).isLessThan(images.length / (16 * 1024));
            assertThat(onlyFiles(target)).isEmpty();
        } finally {
            worker.shutdownNow();
        }
    }

    @Test
    void stalledServerTimesOutAndLeavesNothingBehind() throws Exception {
        RemoteFile file = remote("/stall/" + LABELS, LABELS, labels.length, Checksum.sha256(LABELS_SHA256));

        assertThatThrownBy(() -> downloader.download(file, target, JobContext.detached()))
                .isInstanceOf(DownloadException.class)
                .hasMessageContaining("sent nothing for");
        assertThat(onlyFiles(target)).isEmpty();
    }

    @Test
    void endlessBodyIsRefusedBeyondTheExpectedSizePlusOneMebibyte() throws Exception {
        RemoteFile file = remote("/endless/" + LABELS, LABELS, labels.length, Checksum.sha256(LABELS_SHA256));

        assertThatThrownBy(() -> downloader.download(file, target, JobContext.detached()))
                .isInstanceOf(DownloadException.class)
                .hasMessageContaining("more than " + (labels.length + (1 << 20)) + " bytes");
        assertThat(onlyFiles(target)).isEmpty();
    }

    @Test
    void plainHttpToAnotherMachineIsRefusedWithoutTouchingTheNetwork() {
        for (String url : List.of("http://192.0.2.1/x.gz", "http://example.com/x.gz", "ftp://127.0.0.1/x.gz",
                "http://127.0.0.1.example.com/x.gz")) {
            RemoteFile file = RemoteFile.of(url, "x.gz", 10, Checksum.sha256(LABELS_SHA256));
            long start = System.nanoTime();
            assertThatThrownBy(() -> downloader.download(file, target, JobContext.detached()))
                    .as(url)
                    .isInstanceOf(DownloadException.class)
                    .hasMessageStartingWith("x.gz: refusing")
                    .hasMessageContaining("only https is allowed");
            assertThat((System.nanoTime() - start) / 1e6).as("ms for " + url).isLessThan(500);
        }
        assertThat(target).doesNotExist();
    }

    @Test
    void redirectsAreFollowedOnlyWithinThePolicy() throws Exception {
        RemoteFile viaRedirect = remote("/redirect/" + LABELS, LABELS, labels.length, Checksum.sha256(LABELS_SHA256));
        assertThat(Files.readAllBytes(downloader.download(viaRedirect, target, JobContext.detached())))
                .isEqualTo(labels);
        assertThat(server.requests()).isEqualTo(2);

        RemoteFile away = remote("/redirect-away", "away.gz", 10, Checksum.sha256(LABELS_SHA256));
        assertThatThrownBy(() -> downloader.download(away, target, JobContext.detached()))
                .isInstanceOf(DownloadException.class)
                .hasMessageContaining("refusing plain-http address http://192.0.2.1/elsewhere.gz");
        assertThat(onlyFiles(target)).containsExactly(LABELS);
    }

    @Test
    void stalePartFilesAreRemovedBeforeANewDownload() throws Exception {
        Files.createDirectories(target);
        Files.writeString(target.resolve(LABELS + ".8812093341.part"), "left over by a crash");
        Files.writeString(target.resolve(LABELS + ".notes"), "not ours");
        Files.writeString(target.resolve("other.gz.123.part"), "another file's part");
        RemoteFile file = remote("/ok/" + LABELS, LABELS, labels.length, Checksum.sha256(LABELS_SHA256));

        downloader.download(file, target, JobContext.detached());

        assertThat(onlyFiles(target)).containsExactlyInAnyOrder(LABELS, LABELS + ".notes", "other.gz.123.part");
    }

    @Test
    void bundleDownloadsEveryFileWithOneRisingProgressBar() throws Exception {
        DownloadBundle bundle = new DownloadBundle("tiny-mnist", "tiny", List.of(
                remote("/ok/" + LABELS, LABELS, labels.length, Checksum.sha256(LABELS_SHA256)),
                remote("/ok/" + IMAGES, IMAGES, images.length, Checksum.sha256(sha256(images)))));
        Recorder progress = new Recorder();

        Path folder = downloader.download(bundle, temp, progress.context());

        assertThat(folder).isEqualTo(temp.resolve("tiny"));
        assertThat(Files.readAllBytes(folder.resolve(LABELS))).isEqualTo(labels);
        assertThat(Files.readAllBytes(folder.resolve(IMAGES))).isEqualTo(images);
        List<Double> known = progress.fractions().stream().filter(f -> f >= 0).toList();
        assertThat(known).isSorted().last().isEqualTo(1.0);
        // the small labels file ends early in the bar, weighted by size
        double labelsShare = labels.length / (double) (labels.length + images.length);
        assertThat(known).contains(labelsShare);
        assertThat(progress.messages()).last().asString().startsWith("tiny-mnist: 2 file(s) ready in");

        downloader.download(bundle, temp, JobContext.detached());
        assertThat(server.requests()).isEqualTo(2);
    }

    // ---------------------------------------------------------------- helpers

    private RemoteFile remote(String path, String name, long size, Checksum checksum) {
        return new RemoteFile(server.uri(path), name, size, checksum);
    }

    private static String sha256(byte[] bytes) throws Exception {
        return Checksum.toHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private static List<String> onlyFiles(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** Collects progress reports. */
    private static final class Recorder implements ProgressListener {
        private final List<Double> fractions = new CopyOnWriteArrayList<>();
        private final List<String> messages = new CopyOnWriteArrayList<>();

        @Override
        public void progress(double fraction, String message) {
            fractions.add(fraction);
            messages.add(message);
        }

        JobContext context() {
            return new JobContext(this, new CancellationToken());
        }

        List<Double> fractions() {
            return fractions.stream().filter(f -> f >= 0).toList();
        }

        List<String> messages() {
            return messages;
        }
    }
}
