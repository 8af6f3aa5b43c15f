package org.lethe.engine.data.download;

import java.net.URI;
import org.lethe.engine.LetheException;

/**
 * A download that did not produce a verified file: a refused or unreachable address, an HTTP error,
 * a cut-short or oversized transfer, a wrong size or checksum, or a local disk problem. The message
 * starts with the file name and says what was wrong, e.g. {@code cifar-10-binary.tar.gz: MD5 is
 * 1234..., expected c32a... — the download is corrupt; try again}. When it is thrown, no partial
 * file is left behind and any earlier complete file is untouched.
 */
public class DownloadException extends LetheException {

    private static final long serialVersionUID = 1L;

    private final transient URI uri;

    /**
     * Creates the exception.
     *
     * @param file the file being downloaded
     * @param detail what was wrong, starting lower-case (the file name is prefixed)
     */
    public DownloadException(RemoteFile file, String detail) {
        super(file.fileName() + ": " + detail);
        this.uri = file.uri();
    }

    /** Same, keeping the low-level cause (e.g. an {@code IOException}). */
    public DownloadException(RemoteFile file, String detail, Throwable cause) {
        super(file.fileName() + ": " + detail, cause);
        this.uri = file.uri();
    }

    /** The address that was being downloaded. */
    public URI uri() {
        return uri;
    }
}
