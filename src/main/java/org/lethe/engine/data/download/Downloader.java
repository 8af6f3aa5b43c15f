package org.lethe.engine.data.download;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import org.lethe.engine.job.JobCancelledException;
import org.lethe.engine.job.JobContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Downloads {@link RemoteFile}s into a folder so that a file under its final name is always complete
 * and verified.
 *
 * <p>A download streams into {@code <name>.<random>.part} beside the target, reporting progress at
 * most ten times a second and checking for cancellation between chunks. Only when the size (if
 * known) and the checksum match is the part file moved to its final name, atomically where the file
 * system allows. On cancellation ({@link JobCancelledException}) or any failure
 * ({@link DownloadException}) the part file is deleted and an earlier file under the final name is
 * left as it was. A final file that already has the right checksum is returned without contacting
 * the server.
 *
 * <p>Only {@code https} addresses are fetched, plus plain {@code http} to this machine's loopback
 * interface (for tests and local mirrors). Redirects are followed under the same rule and never from
 * https down to http. A body larger than the expected size plus 1 MiB (4 GiB when the size is
 * unknown) is refused.
 *
 * <p>Instances are thread-safe; two downloads of the same target in this JVM run one after the
 * other, so the second finds the first one's file.
 */
public final class Downloader {

    private static final Logger LOG = LoggerFactory.getLogger(Downloader.class);

    /** Allowance above the expected size before a body counts as endless. */
    static final long OVERSIZE_ALLOWANCE = 1L << 20;

    /** Largest body accepted when the expected size is unknown. */
    static final long UNKNOWN_SIZE_LIMIT = 4L << 30;

    private static final long POLL_MILLIS = 50;
    private static final int HASH_BUFFER = 1 << 20;
    private static final String PART_SUFFIX = ".part";
    private static final ConcurrentMap<Path, ReentrantLock> TARGET_LOCKS = new ConcurrentHashMap<>();

    private final DownloadOptions options;
    private final HttpClient client;

    /** A downloader with {@link DownloadOptions#defaults()}. */
    public Downloader() {
        this(DownloadOptions.defaults());
    }

    /** A downloader with the given time limits. */
    public Downloader(DownloadOptions options) {
        this.options = Objects.requireNonNull(options, "options");
        this.client = HttpClient.newBuilder()
                .connectTimeout(options.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER) // followed by hand, under SourcePolicy
                .build();
    }

    /** The time limits in use. */
    public DownloadOptions options() {
        return options;
    }

    /**
     * Downloads one file into {@code targetDir} (created if missing), or returns the file already
     * there if its checksum matches.
     *
     * @return the verified file, {@code targetDir/file.fileName()}
     * @throws DownloadException if the address is refused or the transfer fails or does not verify
     * @throws JobCancelledException if {@code ctx} was cancelled
     */
    public Path download(RemoteFile file, Path targetDir, JobContext ctx) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(targetDir, "targetDir");
        Objects.requireNonNull(ctx, "ctx");
        SourcePolicy.refusal(file.uri(), null).ifPresent(reason -> {
            throw new DownloadException(file, reason);
        });
        ctx.checkCancelled();
        try {
            Files.createDirectories(targetDir);
        } catch (IOException e) {
            throw new DownloadException(file, "cannot create the folder " + targetDir + ": " + e, e);
        }
        Path target = targetDir.resolve(file.fileName());
        ReentrantLock lock = TARGET_LOCKS.computeIfAbsent(target.toAbsolutePath().normalize(),
                p -> new ReentrantLock());
        acquire(lock, ctx);
        try {
            if (isVerified(file, target, ctx)) {
                LOG.debug("{} is already present and verified", target);
                ctx.progress(1.0, file.fileName() + " is already downloaded and verified");
                return target;
            }
            removeStaleParts(file, targetDir);
            return fetchInto(file, target, ctx);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Downloads every file of a bundle into {@code dataDir/bundle.folder()}, splitting the progress
     * bar over the files by their expected sizes. Files already present and verified are kept; a
     * failure leaves the files finished so far in place.
     *
     * @return the bundle's folder
     * @throws DownloadException if a file cannot be downloaded or verified
     * @throws JobCancelledException if {@code ctx} was cancelled
     */
    public Path download(DownloadBundle bundle, Path dataDir, JobContext ctx) {
        Objects.requireNonNull(bundle, "bundle");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(ctx, "ctx");
        Path folder = bundleFolder(bundle, dataDir);
        List<RemoteFile> files = bundle.files();
        long totalSize = bundle.totalSize();
        double from = 0;
        for (int i = 0; i < files.size(); i++) {
            RemoteFile file = files.get(i);
            double share = totalSize > 0 ? file.expectedSize() / (double) totalSize : 1.0 / files.size();
            double to = i == files.size() - 1 ? 1.0 : Math.min(1.0, from + share);
            download(file, folder, ctx.slice(from, to));
            from = to;
        }
        ctx.progress(1.0, bundle.name() + ": " + files.size() + " file(s) ready in " + folder);
        return folder;
    }

    /** The folder a bundle's files go into: {@code dataDir/bundle.folder()}. */
    public static Path bundleFolder(DownloadBundle bundle, Path dataDir) {
        return dataDir.resolve(bundle.folder());
    }

    /**
     * Whether {@code targetDir} already holds the file with the right size and checksum. Reads the
     * whole file; returns {@code false} if it is missing or unreadable.
     */
    public static boolean isDownloaded(RemoteFile file, Path targetDir) {
        return isVerified(file, targetDir.resolve(file.fileName()), null);
    }

    // ---------------------------------------------------------------- one transfer

    private Path fetchInto(RemoteFile file, Path target, JobContext ctx) {
        Path part;
        try {
            part = Files.createTempFile(target.getParent(), file.fileName() + ".", PART_SUFFIX);
        } catch (IOException e) {
            throw new DownloadException(file, "cannot create a temporary file in " + target.getParent()
                    + ": " + e, e);
        }
        boolean moved = false;
        try {
            long size = transfer(file, part, ctx);
            moveIntoPlace(file, part, target);
            moved = true;
            LOG.info("downloaded {} ({} bytes) from {}", target, size, file.uri());
            ctx.progress(1.0, "Downloaded " + file.fileName() + " (" + TransferProgress.mb(size) + " MB, "
                    + file.checksum().algorithm() + " verified)");
            return target;
        } finally {
            if (!moved) {
                deleteQuietly(part);
            }
        }
    }

    /** Fetches the file into {@code part}, following redirects; returns the number of bytes. */
    private long transfer(RemoteFile file, Path part, JobContext ctx) {
        URI current = file.uri();
        URI previous = null;
        for (int hop = 0; hop <= options.maxRedirects(); hop++) {
            URI here = current;
            URI before = previous;
            SourcePolicy.refusal(here, before).ifPresent(reason -> {
                throw new DownloadException(file, reason);
            });
            HttpRequest request = HttpRequest.newBuilder(here)
                    .timeout(options.responseTimeout())
                    .header("User-Agent", "Lethe-workbench")
                    .GET()
                    .build();
            BodyStream body = new BodyStream();
            HttpResponse<BodyStream> response = awaitHeaders(file, here,
                    client.sendAsync(request, info -> body), body, ctx);
            int status = response.statusCode();
            if (isRedirect(status)) {
                body.abort();
                String location = response.headers().firstValue("Location").orElseThrow(
                        () -> new DownloadException(file, "server answered HTTP " + status + " for " + here
                                + " without a Location header"));
                previous = here;
                try {
                    current = here.resolve(location.trim());
                } catch (IllegalArgumentException e) {
                    throw new DownloadException(file, "server at " + here + " redirected to a malformed address '"
                            + location + "'", e);
                }
                continue;
            }
            if (status != 200) {
                body.abort();
                throw new DownloadException(file, "server answered HTTP " + status + " (" + reason(status)
                        + ") for " + here);
            }
            return receive(file, response, body, part, ctx);
        }
        throw new DownloadException(file, "more than " + options.maxRedirects() + " redirects starting at "
                + file.uri());
    }

    private HttpResponse<BodyStream> awaitHeaders(RemoteFile file, URI uri,
            CompletableFuture<HttpResponse<BodyStream>> future, BodyStream body, JobContext ctx) {
        try {
            while (true) {
                if (ctx.token().isCancelled()) {
                    future.cancel(true);
                    body.abort();
                    ctx.checkCancelled();
                }
                try {
                    return future.get(POLL_MILLIS, TimeUnit.MILLISECONDS);
                } catch (TimeoutException stillWaiting) {
                    // poll the token again
                }
            }
        } catch (InterruptedException e) {
            future.cancel(true);
            body.abort();
            Thread.currentThread().interrupt();
            throw new JobCancelledException();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof HttpTimeoutException) {
                throw new DownloadException(file, "no answer from " + uri + " within "
                        + options.responseTimeout().toSeconds() + " s", cause);
            }
            if (cause instanceof ConnectException) {
                throw new DownloadException(file, "cannot connect to " + uri.getHost() + " (" + uri + "): "
                        + describe(cause), cause);
            }
            throw new DownloadException(file, "request to " + uri + " failed: " + describe(cause), cause);
        }
    }

    /** Streams the body into {@code part}, checks length and digest; returns the byte count. */
    private long receive(RemoteFile file, HttpResponse<BodyStream> response, BodyStream body, Path part,
            JobContext ctx) {
        URI uri = response.uri();
        long announced = response.headers().firstValueAsLong("Content-Length").orElse(-1L);
        long expected = file.expectedSize();
        long limit = file.sizeKnown() ? expected + OVERSIZE_ALLOWANCE : UNKNOWN_SIZE_LIMIT;
        boolean finished = false;
        try {
            if (file.sizeKnown() && announced >= 0 && announced != expected) {
                throw new DownloadException(file, "server announces " + announced + " bytes, expected "
                        + expected + " — the file at " + uri + " is not the one this version of Lethe knows");
            }
            if (announced > limit) {
                throw new DownloadException(file, "server announces " + announced + " bytes, more than the "
                        + limit + " accepted — refusing");
            }
            long total = file.sizeKnown() ? expected : announced;
            requireSpace(file, part, total);

            MessageDigest digest = file.checksum().newDigest();
            TransferProgress progress = new TransferProgress(ctx, file.fileName(), total);
            progress.start();
            long received = 0;
            long idleNanos = options.idleTimeout().toNanos();
            long lastDataNanos = System.nanoTime();
            try (FileChannel out = FileChannel.open(part, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                boolean ended = false;
                while (!ended) {
                    ctx.checkCancelled();
                    BodyStream.Event event = body.poll(POLL_MILLIS);
                    if (event instanceof BodyStream.Data data) {
                        for (ByteBuffer buffer : data.buffers()) {
                            received += buffer.remaining();
                            if (received > limit) {
                                throw new DownloadException(file, "server sent more than " + limit
                                        + " bytes from " + uri + " — refusing an oversized download");
                            }
                            digest.update(buffer.duplicate());
                            while (buffer.hasRemaining()) {
                                out.write(buffer);
                            }
                        }
                        lastDataNanos = System.nanoTime();
                        progress.update(received);
                    } else if (event instanceof BodyStream.End) {
                        ended = true;
                    } else if (event instanceof BodyStream.Failure failure) {
                        if (announced >= 0 && received < announced) {
                            throw cutShort(file, uri, received, announced, failure.cause());
                        }
                        throw new DownloadException(file, "the transfer from " + uri + " failed after "
                                + received + " bytes: " + describe(failure.cause()), failure.cause());
                    } else if (System.nanoTime() - lastDataNanos > idleNanos) {
                        throw new DownloadException(file, "the server at " + uri + " sent nothing for "
                                + options.idleTimeout().toSeconds() + " s after " + received + " bytes");
                    }
                }
                out.force(true);
            }
            finished = true;
            verify(file, uri, received, announced, Checksum.toHex(digest.digest()));
            return received;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JobCancelledException();
        } catch (IOException e) {
            throw new DownloadException(file, "cannot write " + part + ": " + describe(e), e);
        } finally {
            if (!finished) {
                body.abort();
            }
        }
    }

    private static void verify(RemoteFile file, URI uri, long received, long announced, String actualHex) {
        if (announced >= 0 && received < announced) {
            throw cutShort(file, uri, received, announced, null);
        }
        if (file.sizeKnown() && received != file.expectedSize()) {
            throw new DownloadException(file, "received " + received + " bytes, expected "
                    + file.expectedSize() + " — the download is incomplete or corrupt; try again");
        }
        if (!file.checksum().matches(actualHex)) {
            throw new DownloadException(file, file.checksum().describeMismatch(actualHex)
                    + " — the download is corrupt; try again");
        }
    }

    private static DownloadException cutShort(RemoteFile file, URI uri, long received, long announced,
            Throwable cause) {
        return new DownloadException(file, "the transfer from " + uri + " was cut short: received "
                + received + " of " + announced + " bytes; try again", cause);
    }

    // ---------------------------------------------------------------- files on disk

    /** Whether {@code target} exists with the expected size and checksum; {@code ctx} may be null. */
    private static boolean isVerified(RemoteFile file, Path target, JobContext ctx) {
        try {
            if (!Files.isRegularFile(target)) {
                return false;
            }
            if (file.sizeKnown() && Files.size(target) != file.expectedSize()) {
                LOG.info("{} has the wrong size; it will be downloaded again", target);
                return false;
            }
            if (ctx != null) {
                ctx.progress(-1, "Checking existing " + file.fileName());
            }
            MessageDigest digest = file.checksum().newDigest();
            byte[] buffer = new byte[HASH_BUFFER];
            try (InputStream in = Files.newInputStream(target)) {
                int n;
                while ((n = in.read(buffer)) > 0) {
                    if (ctx != null) {
                        ctx.checkCancelled();
                    }
                    digest.update(buffer, 0, n);
                }
            }
            boolean ok = file.checksum().matches(digest.digest());
            if (!ok) {
                LOG.info("{} does not match its checksum; it will be downloaded again", target);
            }
            return ok;
        } catch (IOException e) {
            LOG.info("cannot read {} ({}); it will be downloaded again", target, e.toString());
            return false;
        }
    }

    /** Deletes {@code <name>.<token>.part} files left by an interrupted earlier run. */
    private static void removeStaleParts(RemoteFile file, Path dir) {
        String prefix = file.fileName() + ".";
        DirectoryStream.Filter<Path> candidates = entry -> {
            String name = entry.getFileName().toString();
            return name.startsWith(prefix) && name.endsWith(PART_SUFFIX)
                    && name.length() > prefix.length() + PART_SUFFIX.length();
        };
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, candidates)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                String token = name.substring(prefix.length(), name.length() - PART_SUFFIX.length());
                if (!token.isEmpty() && token.chars().allMatch(Character::isLetterOrDigit)
                        && Files.isRegularFile(entry)) {
                    LOG.info("removing stale partial download {}", entry);
                    Files.deleteIfExists(entry);
                }
            }
        } catch (IOException e) {
            throw new DownloadException(file, "cannot remove stale partial downloads in " + dir + ": "
                    + describe(e), e);
        }
    }

    private static void requireSpace(RemoteFile file, Path part, long bytes) throws IOException {
        if (bytes <= 0) {
            return;
        }
        long usable = Files.getFileStore(part).getUsableSpace();
        if (usable < bytes) {
            throw new DownloadException(file, "needs " + TransferProgress.mb(bytes) + " MB but only "
                    + TransferProgress.mb(usable) + " MB are free in " + part.getParent());
        }
    }

    private static void moveIntoPlace(RemoteFile file, Path part, Path target) {
        try {
            try {
                Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                // e.g. a platform whose atomic rename refuses to replace an existing file
                Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new DownloadException(file, "cannot move the verified download to " + target + ": "
                    + describe(e), e);
        }
    }

    private static void deleteQuietly(Path part) {
        try {
            Files.deleteIfExists(part);
        } catch (IOException e) {
            LOG.warn("cannot delete partial download {}: {}", part, e.toString());
        }
    }

    private static void acquire(ReentrantLock lock, JobContext ctx) {
        try {
            while (!lock.tryLock(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                ctx.checkCancelled();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JobCancelledException();
        }
    }

    // ---------------------------------------------------------------- wording

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    private static String reason(int status) {
        return switch (status) {
            case 400 -> "bad request";
            case 401, 403 -> "access denied";
            case 404, 410 -> "not found";
            case 429 -> "too many requests; wait and try again";
            case 500, 502, 503, 504 -> "server error; try again later";
            default -> status >= 500 ? "server error" : status >= 400 ? "request refused" : "unexpected status";
        };
    }

    private static String describe(Throwable t) {
        String message = t.getMessage();
        return message == null || message.isBlank() ? t.getClass().getSimpleName() : message;
    }
}
