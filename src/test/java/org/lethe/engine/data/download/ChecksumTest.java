package org.lethe.engine.data.download;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChecksumTest {

    private static final String ABC_SHA256 = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
    private static final String ABC_MD5 = "900150983cd24fb0d6963f7d28e17f72";

    @Test
    void digestsOfAKnownStringMatchTheStandardTestVectors(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("abc.txt"), "abc");

        assertThat(Checksum.sha256(ABC_SHA256).hexOf(file)).isEqualTo(ABC_SHA256);
        assertThat(Checksum.md5(ABC_MD5).hexOf(file)).isEqualTo(ABC_MD5);
        assertThat(Checksum.md5(ABC_MD5).matchesFile(file)).isTrue();
        assertThat(Checksum.md5(ABC_MD5).matches(
                Checksum.md5(ABC_MD5).newDigest().digest("abc".getBytes(StandardCharsets.US_ASCII)))).isTrue();
        Files.writeString(file, "abd");
        assertThat(Checksum.sha256(ABC_SHA256).matchesFile(file)).isFalse();
    }

    @Test
    void sampleDataHasThePublishedSha256() throws Exception {
        Checksum labels = Checksum.sha256("b91679a0acfe4ba0e50a2437a903084cba1f5f92592b016a25a7dfd00455798b");
        assertThat(labels.matchesFile(Path.of("sample-data/mnist/t10k-labels-idx1-ubyte.gz"))).isTrue();
    }

    @Test
    void inputIsNormalisedToUpperCaseAlgorithmAndLowerCaseHex() {
        Checksum c = new Checksum(" md5 ", ABC_MD5.toUpperCase());

        assertThat(c.algorithm()).isEqualTo("MD5");
        assertThat(c.hex()).isEqualTo(ABC_MD5);
        assertThat(c.matches(ABC_MD5.toUpperCase())).isTrue();
        assertThat(c).isEqualTo(Checksum.md5(ABC_MD5));
        assertThat(c.describeMismatch("00")).isEqualTo("MD5 is 00, expected " + ABC_MD5);
    }

    @Test
    void malformedChecksumsAreRejected() {
        assertThatThrownBy(() -> new Checksum("SHA-1", "a9993e364706816aba3e25717850c26c9cd0d89d"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SHA-1");
        assertThatThrownBy(() -> Checksum.sha256(ABC_MD5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not 64 hex digits");
        assertThatThrownBy(() -> Checksum.md5("zz0150983cd24fb0d6963f7d28e17f72"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not 32 hex digits");
    }
}
