package org.lethe.engine.data.download;

import java.time.Duration;
import java.util.Objects;

/**
 * Time limits of a {@link Downloader}.
 *
 * @param connectTimeout how long to wait for a TCP/TLS connection
 * @param responseTimeout how long to wait for the response headers of each request
 * @param idleTimeout how long the body may stall without a single byte before the download fails
 * @param maxRedirects how many redirects to follow at most
 */
public record DownloadOptions(Duration connectTimeout, Duration responseTimeout, Duration idleTimeout,
        int maxRedirects) {

    public DownloadOptions {
        requirePositive(connectTimeout, "connectTimeout");
        requirePositive(responseTimeout, "responseTimeout");
        requirePositive(idleTimeout, "idleTimeout");
        if (maxRedirects < 0 || maxRedirects > 20) {
            throw new IllegalArgumentException("maxRedirects " + maxRedirects + " is outside 0..20");
        }
    }

    /** 15 s to connect, 30 s for headers, 60 s of silence in the body, 5 redirects. */
    public static DownloadOptions defaults() {
        return new DownloadOptions(Duration.ofSeconds(15), Duration.ofSeconds(30), Duration.ofSeconds(60), 5);
    }

    /** The same options with another idle timeout. */
    public DownloadOptions withIdleTimeout(Duration timeout) {
        return new DownloadOptions(connectTimeout, responseTimeout, timeout, maxRedirects);
    }

    /** The same options with another response (header) timeout. */
    public DownloadOptions withResponseTimeout(Duration timeout) {
        return new DownloadOptions(connectTimeout, timeout, idleTimeout, maxRedirects);
    }

    private static void requirePositive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive, got " + d);
        }
    }
}
