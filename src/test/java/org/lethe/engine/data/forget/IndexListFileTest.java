package org.lethe.engine.data.forget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lethe.engine.data.ImageDataset;

class IndexListFileTest {

    private static final ImageDataset DIGITS = ForgetTestData.digits(200);

    @TempDir
    Path dir;

    private Path file(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }

    @Test
    void readsIndicesSkippingBlankLinesAndComments() throws IOException {
        Path f = file("forget.txt", "\uFEFF# exported by Lethe\n12\n\n  45  # a seven\n#77\n3\r\n");
        assertThat(IndexListFile.read(f)).containsExactly(12, 45, 3);
    }

    @Test
    void readsCommaSeparatedIndicesMixedWithOnePerLine() throws IOException {
        Path f = file("commas.txt", "# pasted\n4, 8,15\n16\n23,42, # trailing comma\n");
        assertThat(IndexListFile.read(f)).containsExactly(4, 8, 15, 16, 23, 42);
        Path bad = file("badcomma.txt", "1,2\n3, x4, 5\n");
        assertThatThrownBy(() -> IndexListFile.read(bad))
                .isInstanceOf(ForgetSetException.class)
                .hasMessageContaining(bad.toString())
                .hasMessageContaining("line 2")
                .hasMessageContaining("'x4' is not a sample index");
    }

    @Test
    void badLineNamesFileAndLineNumber() throws IOException {
        Path f = file("bad.txt", "# header\n1\n2\nthree\n4\n");
        assertThatThrownBy(() -> IndexListFile.read(f))
                .isInstanceOf(ForgetSetException.class)
                .hasMessageContaining(f.toString())
                .hasMessageContaining("line 4")
                .hasMessageContaining("'three' is not a sample index");
        Path negative = file("neg.txt", "1\n-5\n");
        assertThatThrownBy(() -> IndexListFile.read(negative))
                .hasMessageContaining("line 2").hasMessageContaining("-5 is negative");
        Path twoPerLine = file("two.txt", "1 2\n");
        assertThatThrownBy(() -> IndexListFile.read(twoPerLine))
                .hasMessageContaining("line 1").hasMessageContaining("'1 2' is not a sample index");
    }

    @Test
    void missingFileIsNamed() {
        Path missing = dir.resolve("nope.txt");
        assertThatThrownBy(() -> IndexListFile.read(missing))
                .isInstanceOf(ForgetSetException.class)
                .hasMessageContaining(missing.toString()).hasMessageContaining("no such index file");
    }

    @Test
    void indicesSpecResolvesFromFile() throws IOException {
        Path f = file("forget.txt", "# three samples\n45\n12\n\n45\n190 # last\n");
        ForgetSplit split = ForgetSetResolver.resolve(ForgetSetSpec.parse("indices:" + f), DIGITS, 0);
        assertThat(split.forget().toArray()).containsExactly(12, 45, 190);
        assertThat(split.retainSize()).isEqualTo(197);
    }

    @Test
    void indicesSpecInUnionWithClass() throws IOException {
        Path f = file("extra.txt", "1\n2\n");
        ForgetSplit split = ForgetSetResolver.resolve(ForgetSetSpec.parse("class:0+indices:" + f), DIGITS, 0);
        assertThat(split.forgetSize()).isEqualTo(22);
        assertThat(split.forget().countsPerClass(10)).startsWith(20, 1, 1, 0);
    }

    @Test
    void outOfRangeIndexInFileNamesLineAndSplitSize() throws IOException {
        Path f = file("range.txt", "1\n# ok\n250\n");
        assertThatThrownBy(() -> ForgetSetResolver.resolve(new ForgetSetSpec.IndexFile(f), DIGITS, 0))
                .isInstanceOf(ForgetSetException.class)
                .hasMessageContaining(f.toString())
                .hasMessageContaining("line 3")
                .hasMessageContaining("sample index 250 is out of range")
                .hasMessageContaining("200 samples");
    }

    @Test
    void emptyFileGivesEmptyResultError() throws IOException {
        Path f = file("empty.txt", "# nothing here\n\n");
        assertThat(IndexListFile.read(f)).isEmpty();
        assertThatThrownBy(() -> ForgetSetResolver.resolve(new ForgetSetSpec.IndexFile(f), DIGITS, 0))
                .isInstanceOf(ForgetSetException.class).hasMessageContaining("selects no training samples");
    }

    @Test
    void writeThenReadRoundTripsWithComments() throws IOException {
        ForgetSplit split = ForgetSetResolver.resolve(ForgetSetSpec.parse("random:0.1"), DIGITS, 11);
        Path out = dir.resolve("sub/forget.txt");
        IndexListFile.write(out, split.forget().toArray(),
                List.of("forget set " + split.spec() + " seed " + split.seed(), "sha256 " + split.forget().sha256()));
        List<String> lines = Files.readAllLines(out);
        assertThat(lines.get(0)).isEqualTo("# forget set random:0.1 seed 11");
        assertThat(lines).hasSize(2 + split.forgetSize());
        assertThat(IndexListFile.read(out)).isEqualTo(split.forget().toArray());
        // resolving the exported file reproduces the same forget set
        ForgetSplit again = ForgetSetResolver.resolve(new ForgetSetSpec.IndexFile(out), DIGITS, 999);
        assertThat(again.forget().sha256()).isEqualTo(split.forget().sha256());
    }

    @Test
    void writeReplacesExistingFileAndLeavesNoTemporaryFiles() throws IOException {
        Path out = file("list.txt", "old content that is not an index\n");
        IndexListFile.write(out, ForgetSetResolver.resolve(ForgetSetSpec.samples(4, 9), DIGITS, 0).forget());
        assertThat(Files.readString(out)).isEqualTo("4" + System.lineSeparator() + "9" + System.lineSeparator());
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("list.txt");
        }
    }

    @Test
    void failedWriteKeepsTheOriginalAndNamesTheFile() throws IOException {
        Path blocker = file("blocker", "I am a file, not a folder\n");
        Path out = blocker.resolve("forget.txt");
        assertThatThrownBy(() -> IndexListFile.write(out, new int[] {1}, List.of()))
                .isInstanceOf(ForgetSetException.class)
                .hasMessageContaining(out.toString()).hasMessageContaining("cannot write");
        assertThat(Files.readString(blocker)).isEqualTo("I am a file, not a folder\n");
    }
}
