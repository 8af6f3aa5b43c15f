package org.lethe.engine.data.download;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;

/**
 * The expected digest of a file: an algorithm ({@value #SHA_256} or {@value #MD5}) and the digest as
 * lower-case hex. Upper-case input is accepted and normalised; anything else that is not a digest of
 * the right length for its algorithm is rejected.
 *
 * @param algorithm {@value #SHA_256} or {@value #MD5} (case-insensitive on input)
 * @param hex the digest, 64 hex digits for SHA-256, 32 for MD5
 */
public record Checksum(String algorithm, String hex) {

    /** Name of the SHA-256 algorithm as {@link MessageDigest} knows it. */
    public static final String SHA_256 = "SHA-256";

    /** Name of the MD5 algorithm as {@link MessageDigest} knows it. */
    public static final String MD5 = "MD5";

    private static final int FILE_BUFFER = 1 << 16;

    public Checksum {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(hex, "hex");
        algorithm = algorithm.trim().toUpperCase(Locale.ROOT);
        int digits;
        if (algorithm.equals(SHA_256)) {
            digits = 64;
        } else if (algorithm.equals(MD5)) {
            digits = 32;
        } else {
            throw new IllegalArgumentException(
                    "checksum algorithm '" + algorithm + "' is not supported, expected SHA-256 or MD5");
        }
        hex = hex.trim().toLowerCase(Locale.ROOT);
        if (hex.length() != digits || !hex.chars().allMatch(Checksum::isHexDigit)) {
            throw new IllegalArgumentException(
                    algorithm + " digest '" + hex + "' is not " + digits + " hex digits");
        }
    }

    /** A SHA-256 checksum. */
    public static Checksum sha256(String hex) {
        return new Checksum(SHA_256, hex);
    }

    /** An MD5 checksum. */
    public static Checksum md5(String hex) {
        return new Checksum(MD5, hex);
    }

    /** A fresh digest for this checksum's algorithm. */
    public MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            // every Java platform must provide SHA-256 and MD5
            throw new IllegalStateException("the JVM lacks " + algorithm, e);
        }
    }

    /** Whether a digest given as hex (either case) equals the expected one. */
    public boolean matches(String actualHex) {
        return actualHex != null && hex.equals(actualHex.trim().toLowerCase(Locale.ROOT));
    }

    /** Whether raw digest bytes equal the expected digest. */
    public boolean matches(byte[] actualDigest) {
        return actualDigest != null && hex.equals(toHex(actualDigest));
    }

    /** The digest of a file's contents with this checksum's algorithm, as lower-case hex. */
    public String hexOf(Path file) throws IOException {
        MessageDigest digest = newDigest();
        byte[] buffer = new byte[FILE_BUFFER];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                digest.update(buffer, 0, n);
            }
        }
        return toHex(digest.digest());
    }

    /** Whether a file's contents have this checksum. */
    public boolean matchesFile(Path file) throws IOException {
        return hex.equals(hexOf(file));
    }

    /**
     * Describes a mismatch for people, e.g. {@code MD5 is 1234..., expected c32a...}.
     *
     * @param actualHex the digest that was found
     */
    public String describeMismatch(String actualHex) {
        return algorithm + " is " + actualHex + ", expected " + hex;
    }

    /** Lower-case hex of raw digest bytes. */
    public static String toHex(byte[] digest) {
        return HexFormat.of().formatHex(digest);
    }

    @Override
    public String toString() {
        return algorithm + ":" + hex;
    }

    private static boolean isHexDigit(int c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
    }
}
