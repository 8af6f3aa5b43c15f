/**
 * Fetching the official dataset archives over HTTPS into the user's data folder.
 * {@link org.lethe.engine.data.download.KnownDownloads} lists the sources (URL, size, checksum) as
 * {@link org.lethe.engine.data.download.RemoteFile}s grouped into named
 * {@link org.lethe.engine.data.download.DownloadBundle}s; the
 * {@link org.lethe.engine.data.download.Downloader} streams a file into a temporary {@code .part}
 * file, reports progress, honours cancellation, verifies size and
 * {@link org.lethe.engine.data.download.Checksum} and only then moves it into place, so a half or
 * corrupt download never takes the place of a file. Failures raise a
 * {@link org.lethe.engine.data.download.DownloadException} that says which file and what went wrong.
 */
package org.lethe.engine.data.download;
