package org.lethe.engine.data;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class DatasetSummaryTest {

    @Test
    void serialisesInTheDocumentedShape() throws Exception {
        ImageShape shape = new ImageShape(1, 2, 2);
        ImageSplit train = new ImageSplit("train", shape, new byte[12], new byte[] {0, 1, 1});
        ImageSplit test = new ImageSplit("test", shape, new byte[4], new byte[] {1});
        ImageDataset ds = new ImageDataset("Tiny", DatasetFormat.IMAGE_FOLDER, List.of("a", "b"), train, test);

        DatasetSummary summary = DatasetSummary.of(ds);
        String expected = "{\"name\":\"Tiny\",\"format\":\"image-folder\",\"classes\":[\"a\",\"b\"],"
                + "\"shape\":[1,2,2],\"train\":{\"count\":3,\"perClass\":[1,2]},"
                + "\"test\":{\"count\":1,\"perClass\":[0,1]},\"sha256\":\"" + ds.sha256() + "\"}";

        assertThat(new ObjectMapper().writeValueAsString(summary)).isEqualTo(expected);
        assertThat(summary.toJson().toString()).isEqualTo(expected);
    }

    @Test
    void summarisesTheSampleMnistCounts() {
        ImageDataset ds = new DatasetLoader().load(DataTestFiles.MNIST, org.lethe.engine.job.JobContext.detached());
        DatasetSummary summary = DatasetSummary.of(ds);
        assertThat(summary.format()).isEqualTo("idx");
        assertThat(summary.shape()).containsExactly(1, 28, 28);
        assertThat(summary.train().count()).isEqualTo(60_000);
        assertThat(summary.train().perClass()).hasSize(10).startsWith(5923, 6742);
        assertThat(summary.test().perClass().stream().mapToInt(Integer::intValue).sum()).isEqualTo(10_000);
        assertThat(summary.sha256()).isEqualTo(ds.sha256());
    }
}
