package org.lethe.viz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.jfree.chart.JFreeChart;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

class ChartExportTest {

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    @Test
    void pngHasSignatureAndScaledPixelSize(@TempDir Path dir) throws Exception {
        JFreeChart chart = AccuracyBarChart.of(VizFixtures.accuracies(), ChartStyle.standard());
        Path png = dir.resolve("acc.png");
        ChartExport.writePng(chart, png, 320, 200, 2.0);
        byte[] bytes = Files.readAllBytes(png);
        assertThat(bytes).startsWith(PNG_SIGNATURE);
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(640);
        assertThat(image.getHeight()).isEqualTo(400);
        // something was drawn: not all pixels share the top-left colour
        assertThat(distinctColours(image)).isGreaterThan(5);
        ChartExport.writePng(chart, png, 300, 150);
        assertThat(ImageIO.read(png.toFile()).getWidth()).isEqualTo(300);
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(png); // no temp files left behind
        }
        assertThatThrownBy(() -> ChartExport.writePng(chart, png, 0, 10, 1)).hasMessageContaining("0 x 10");
        assertThatThrownBy(() -> ChartExport.writePng(chart, png, 10, 10, 0)).hasMessageContaining("scale");
    }

    @Test
    void svgIsWellFormedXmlWithAnSvgRoot(@TempDir Path dir) throws Exception {
        JFreeChart chart = RocChart.logLog(1e-3, ChartStyle.standard()).add("Original", VizFixtures.roc()).chart();
        Path svg = dir.resolve("roc.svg");
        ChartExport.writeSvg(chart, svg, 400, 300);
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        // JFreeSVG writes a DOCTYPE; never fetch its DTD (tests stay off the network)
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        Document doc;
        try (InputStream in = Files.newInputStream(svg)) {
            doc = f.newDocumentBuilder().parse(in);
        }
        assertThat(doc.getDocumentElement().getLocalName()).isEqualTo("svg");
        assertThat(doc.getDocumentElement().getAttribute("width")).startsWith("400");
        assertThat(Files.readString(svg, StandardCharsets.UTF_8)).contains("AUC 0.750");
    }

    @Test
    void csvOfACategoryChartHasOneRowPerBar(@TempDir Path dir) throws Exception {
        JFreeChart chart = AccuracyBarChart.of(VizFixtures.accuracies().subList(0, 2), ChartStyle.standard());
        Path csv = dir.resolve("acc.csv");
        ChartExport.writeCsv(chart, csv);
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        assertThat(lines).containsExactly(
                "panel,dataset,series,item,x,y,z,x_start,x_end,y_start,y_end",
                "0,0,Original,Forget (UA = 100 − this),,99.5,,,,,",
                "0,0,Original,Retain,,99.6,,,,,",
                "0,0,Original,Test,,94.2,,,,,",
                "0,0,Retrain,Forget (UA = 100 − this),,94.1,,,,,",
                "0,0,Retrain,Retain,,99.4,,,,,",
                "0,0,Retrain,Test,,94.0,,,,,");
    }

    @Test
    void csvOfXyChartsCoversEveryPanelAndDataset() {
        String roc = ChartExport.toCsv(RocChart.linear(ChartStyle.standard()).add("M", VizFixtures.roc()).chart());
        assertThat(roc.lines()).contains(
                "0,0,M (AUC 0.750),0,0.0,0.0,,,,,",
                "0,1,Chance (AUC 0.500),1,1.0,1.0,,,,,");
        assertThat(roc.lines().count()).isEqualTo(1 + VizFixtures.roc().points().size() + 2);

        ModelScores m = new ModelScores("M", new double[] {0.1, 0.9}, new double[] {0.9}, new double[] {0.2});
        ConfidenceHistogramChart h = ConfidenceHistogramChart.of(ScoreKind.TRUE_CLASS_CONFIDENCE,
                List.of(m, m), 2, ChartStyle.standard());
        String hist = ChartExport.toCsv(h.chart());
        assertThat(hist.lines()).contains(
                "0,0,M: Forget,0,0.25,50.0,,0.0,0.5,0.0,50.0",
                "1,0,M: Retain,1,0.75,100.0,,0.5,1.0,0.0,100.0");
        assertThat(hist.lines().count()).isEqualTo(1 + 2 * 3 * 2);

        String heat = ChartExport.toCsv(ClassAccuracyChart.heatmap(List.of("a"),
                List.of(new ModelClassAccuracy("M", new double[] {42})), ChartStyle.standard()));
        assertThat(heat.lines()).containsExactly(
                "panel,dataset,series,item,x,y,z,x_start,x_end,y_start,y_end",
                "0,0,Accuracy (%),0,0.0,0.0,42.0,,,,");
    }

    private static int distinctColours(BufferedImage image) {
        java.util.Set<Integer> colours = new java.util.HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 3) {
            for (int x = 0; x < image.getWidth(); x += 3) {
                colours.add(image.getRGB(x, y));
            }
        }
        return colours.size();
    }
}
