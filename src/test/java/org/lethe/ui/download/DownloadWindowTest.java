package org.lethe.ui.download;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lethe.ui.FxTestSupport.fx;
import static org.lethe.ui.FxTestSupport.waitUntil;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TextArea;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.lethe.engine.data.download.Checksum;
import org.lethe.engine.data.download.DownloadBundle;
import org.lethe.engine.data.download.DownloadOptions;
import org.lethe.engine.data.download.Downloader;
import org.lethe.engine.data.download.LocalFileServer;
import org.lethe.engine.data.download.RemoteFile;
import org.lethe.engine.job.QueuedJobRunner;
import org.lethe.ui.download.DownloadViewModel.State;
import org.lethe.ui.jobs.JobsViewModel;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The download window against an HTTP server on 127.0.0.1 serving the bundled MNIST test files:
 * progress, checksum verification, cancel leaving nothing, and a corrupt file refused.
 */
@ExtendWith(ApplicationExtension.class)
class DownloadWindowTest {

    private static final String IMAGES = "t10k-images-idx3-ubyte.gz";
    private static final String LABELS = "t10k-labels-idx1-ubyte.gz";

    @TempDir
    Path dataDir;

    private QueuedJobRunner jobs;
    private LocalFileServer server;
    private byte[] images;
    private byte[] labels;
    private DownloadWindow window;
    private final List<String> opened = new CopyOnWriteArrayList<>();

    @Start
    void start(Stage stage) throws Exception {
        images = Files.readAllBytes(Path.of("sample-data/mnist", IMAGES));
        labels = Files.readAllBytes(Path.of("sample-data/mnist", LABELS));
        server = new LocalFileServer();
        server.put(IMAGES, images);
        server.put(LABELS, labels);
        jobs = new QueuedJobRunner();
        stage.setScene(new javafx.scene.Scene(new javafx.scene.layout.StackPane(), 200, 100));
        stage.show();
    }

    @AfterEach
    void stop() throws Exception {
        jobs.close();
        server.close();
    }

    /** A window offering one bundle: the labels whole, then the images from {@code imagesMode}. */
    private DownloadWindow open(String imagesMode) throws Exception {
        DownloadBundle bundle = new DownloadBundle("mnist", "mnist", List.of(
                new RemoteFile(server.uri("/ok/" + LABELS), LABELS, labels.length, Checksum.sha256(sha256(labels))),
                new RemoteFile(server.uri("/" + imagesMode + "/" + IMAGES), IMAGES, images.length,
                        Checksum.sha256(sha256(images)))));
        Downloader downloader = new Downloader(new DownloadOptions(Duration.ofSeconds(2), Duration.ofSeconds(3),
                Duration.ofSeconds(2), 3));
        return fx(() -> {
            DownloadViewModel viewModel = new DownloadViewModel(new JobsViewModel(jobs), downloader, dataDir,
                    List.of(bundle));
            DownloadWindow w = new DownloadWindow(viewModel, opened::add, () -> null);
            w.show();
            return w;
        });
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private List<Path> filesUnder(Path dir) throws Exception {
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).toList();
        }
    }

    @Test
    void downloadShowsTheSourcesAndProgressThenVerifiesAndOpens(FxRobot robot) throws Exception {
        server.slowPace(32 * 1024, 15);
        window = open("slow");
        TextArea sources = robot.lookup("#sourcesText").queryAs(TextArea.class);
        assertThat(sources.getText()).contains(server.uri("/ok/" + LABELS).toString())
                .contains(server.uri("/slow/" + IMAGES).toString()).contains("SHA-256");
        assertThat(robot.lookup("#targetLabel").queryAs(Label.class).getText())
                .isEqualTo(dataDir.resolve("mnist").toAbsolutePath().toString());
        assertThat(robot.lookup("#openButton").queryButton().isDisabled()).isTrue();

        ProgressBar bar = robot.lookup("#progressBar").queryAs(ProgressBar.class);
        List<Double> seen = new CopyOnWriteArrayList<>();
        fx(() -> {
            bar.progressProperty().addListener((obs, old, p) -> seen.add(p.doubleValue()));
            return null;
        });
        robot.clickOn("#downloadButton");
        assertThat(robot.lookup("#cancelButton").queryButton().isDisabled()).isFalse();
        waitUntil(30, () -> window.viewModel().stateProperty().get() == State.DONE);

        assertThat(seen).anySatisfy(p -> assertThat(p).isStrictlyBetween(0.0, 1.0));
        assertThat(bar.getProgress()).isEqualTo(1.0);
        assertThat(Files.readAllBytes(dataDir.resolve("mnist").resolve(IMAGES))).isEqualTo(images);
        assertThat(Files.readAllBytes(dataDir.resolve("mnist").resolve(LABELS))).isEqualTo(labels);
        assertThat(filesUnder(dataDir)).hasSize(2);
        assertThat(robot.lookup("#messageLabel").queryAs(Label.class).getText())
                .contains("MNIST downloaded and verified");
        robot.clickOn("#openButton");
        assertThat(opened).containsExactly("mnist");
        assertThat(fx(() -> window.stage().isShowing())).isFalse();
    }

    @Test
    void cancelStopsTheTransferAndLeavesNothing(FxRobot robot) throws Exception {
        server.slowPace(16 * 1024, 50);
        window = open("slow");
        robot.clickOn("#downloadButton");
        assertThat(server.awaitSlowStart(10_000)).isTrue();
        waitUntil(10, () -> window.viewModel().progressProperty().get() > 0);
        robot.clickOn("#cancelButton");
        waitUntil(10, () -> window.viewModel().stateProperty().get() == State.CANCELLED);
        assertThat(robot.lookup("#messageLabel").queryAs(Label.class).getText()).startsWith("Cancelled");
        // the job thread notices the cancel at its next chunk and cleans up
        waitUntil(10, () -> filesUnder(dataDir).isEmpty() && !Files.exists(dataDir.resolve("mnist")));
        int chunks = server.slowChunksSent();
        assertThat(chunks).as("the transfer stopped early").isLessThan(images.length / (16 * 1024));
        try (Stream<Path> left = Files.list(dataDir)) {
            assertThat(left).isEmpty();
        }
        assertThat(robot.lookup("#downloadButton").queryButton().isDisabled()).isFalse();
    }

    @Test
    void aCorruptFileFailsVerificationAndIsNotKept(FxRobot robot) throws Exception {
        window = open("corrupt");
        robot.clickOn("#downloadButton");
        waitUntil(30, () -> window.viewModel().stateProperty().get() == State.FAILED);
        assertThat(robot.lookup("#messageLabel").queryAs(Label.class).getText())
                .startsWith("Failed:").contains(IMAGES);
        // the labels verified and stay; the corrupt images never appear, not even as a part file
        assertThat(filesUnder(dataDir)).containsExactly(dataDir.resolve("mnist").resolve(LABELS));
    }
}
