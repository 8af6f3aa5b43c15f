package org.lethe.viz;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import javax.imageio.ImageIO;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.CombinedDomainCategoryPlot;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.CombinedRangeCategoryPlot;
import org.jfree.chart.plot.CombinedRangeXYPlot;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.category.CategoryDataset;
import org.jfree.data.xy.IntervalXYDataset;
import org.jfree.data.xy.XYDataset;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.XYZDataset;
import org.jfree.svg.SVGGraphics2D;
import org.lethe.engine.io.AtomicFiles;

/**
 * Writes a chart as PNG (with a scale factor for HiDPI screens and projectors), as SVG (JFreeSVG),
 * or its data as CSV. Every file is written atomically ({@link AtomicFiles}): readers see the old
 * file or the complete new one.
 *
 * <p>The CSV has one row per data point, {@link #CSV_COLUMNS}: the panel (index of the sub-plot
 * in a combined chart, 0 otherwise), the dataset index within the panel, the series key, the item
 * key (the category for bar charts, the point's index for XY data), then x, y, z and, for interval
 * data (histogram bins, error bars), the interval ends. Cells that do not apply are empty.
 */
public final class ChartExport {

    /** Header of {@link #toCsv(JFreeChart)}. */
    public static final List<String> CSV_COLUMNS =
            List.of("panel", "dataset", "series", "item", "x", "y", "z", "x_start", "x_end", "y_start", "y_end");

    private static final int MAX_PIXELS_PER_SIDE = 20_000;

    private ChartExport() {
    }

    /**
     * Renders the chart as a PNG of {@code round(width·scale) × round(height·scale)} pixels: the
     * layout is that of a {@code width × height} chart, drawn {@code scale} times finer (so 2 gives
     * a crisp picture for a HiDPI screen or a projector, with the same proportions).
     *
     * @param width layout width in pixels, at least 1
     * @param height layout height in pixels, at least 1
     * @param scale scale factor, in (0, 10]
     */
    public static void writePng(JFreeChart chart, Path file, int width, int height, double scale) throws IOException {
        BufferedImage image = renderImage(chart, width, height, scale);
        AtomicFiles.write(file, out -> {
            if (!ImageIO.write(image, "png", out)) {
                throw new IOException("no PNG writer available for " + file);
            }
        });
    }

    /** {@link #writePng(JFreeChart, Path, int, int, double)} at scale 1. */
    public static void writePng(JFreeChart chart, Path file, int width, int height) throws IOException {
        writePng(chart, file, width, height, 1.0);
    }

    /** Renders the chart into an ARGB image (see {@link #writePng(JFreeChart, Path, int, int, double)}). */
    public static BufferedImage renderImage(JFreeChart chart, int width, int height, double scale) {
        Objects.requireNonNull(chart, "chart");
        requireSize(width, height);
        if (!(scale > 0 && scale <= 10)) {
            throw new IllegalArgumentException("PNG scale factor " + scale + ", expected a number in (0, 10]");
        }
        int w = (int) Math.round(width * scale);
        int h = (int) Math.round(height * scale);
        if (w < 1 || h < 1 || w > MAX_PIXELS_PER_SIDE || h > MAX_PIXELS_PER_SIDE) {
            throw new IllegalArgumentException("PNG of " + w + " x " + h + " pixels, expected 1 to "
                    + MAX_PIXELS_PER_SIDE + " per side");
        }
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g2 = image.createGraphics();
        try {
            g2.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g2.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g2.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g2.scale((double) w / width, (double) h / height);
            chart.draw(g2, new Rectangle2D.Double(0, 0, width, height));
        } finally {
            g2.dispose();
        }
        return image;
    }

    /** Writes the chart as a {@code width × height} SVG document (UTF-8). */
    public static void writeSvg(JFreeChart chart, Path file, int width, int height) throws IOException {
        String svg = toSvg(chart, width, height);
        byte[] bytes = svg.getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(file, out -> out.write(bytes));
    }

    /** The chart as an SVG document string. */
    public static String toSvg(JFreeChart chart, int width, int height) {
        Objects.requireNonNull(chart, "chart");
        requireSize(width, height);
        SVGGraphics2D g2 = new SVGGraphics2D(width, height);
        chart.draw(g2, new Rectangle2D.Double(0, 0, width, height));
        return g2.getSVGDocument();
    }

    /** Writes {@link #toCsv(JFreeChart)} to {@code file} (UTF-8). */
    public static void writeCsv(JFreeChart chart, Path file) throws IOException {
        byte[] bytes = toCsv(chart).getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(file, out -> out.write(bytes));
    }

    /** The chart's data as CSV (see the class comment for the columns). */
    public static String toCsv(JFreeChart chart) {
        Objects.requireNonNull(chart, "chart");
        StringBuilder sb = new StringBuilder();
        Csv.line(sb, CSV_COLUMNS);
        List<Plot> panels = panels(chart.getPlot());
        for (int p = 0; p < panels.size(); p++) {
            Plot plot = panels.get(p);
            if (plot instanceof XYPlot xy) {
                for (int d = 0; d < xy.getDatasetCount(); d++) {
                    if (xy.getDataset(d) != null) {
                        writeXY(sb, p, d, xy.getDataset(d));
                    }
                }
            } else if (plot instanceof CategoryPlot cat) {
                for (int d = 0; d < cat.getDatasetCount(); d++) {
                    if (cat.getDataset(d) != null) {
                        writeCategory(sb, p, d, cat.getDataset(d));
                    }
                }
            }
        }
        return sb.toString();
    }

    /** The leaf plots: the sub-plots of a combined plot, else the plot itself. */
    private static List<Plot> panels(Plot plot) {
        List<Plot> out = new ArrayList<>();
        if (plot instanceof CombinedDomainXYPlot c) {
            out.addAll(c.getSubplots());
        } else if (plot instanceof CombinedRangeXYPlot c) {
            out.addAll(c.getSubplots());
        } else if (plot instanceof CombinedDomainCategoryPlot c) {
            for (Object sub : c.getSubplots()) {
                out.add((Plot) sub);
            }
        } else if (plot instanceof CombinedRangeCategoryPlot c) {
            for (Object sub : c.getSubplots()) {
                out.add((Plot) sub);
            }
        } else {
            out.add(plot);
        }
        return out;
    }

    private static void writeXY(StringBuilder sb, int panel, int index, XYDataset data) {
        // XYSeriesCollection is an IntervalXYDataset too, but its intervals are made up around x
        IntervalXYDataset interval = data instanceof IntervalXYDataset i && !(data instanceof XYSeriesCollection)
                ? i : null;
        XYZDataset xyz = data instanceof XYZDataset z ? z : null;
        for (int s = 0; s < data.getSeriesCount(); s++) {
            Comparable<?> key = data.getSeriesKey(s);
            for (int i = 0; i < data.getItemCount(s); i++) {
                Csv.line(sb, Arrays.asList(panel, index, key.toString(), i,
                        data.getXValue(s, i), data.getYValue(s, i),
                        xyz == null ? null : xyz.getZValue(s, i),
                        interval == null ? null : interval.getStartXValue(s, i),
                        interval == null ? null : interval.getEndXValue(s, i),
                        interval == null ? null : interval.getStartYValue(s, i),
                        interval == null ? null : interval.getEndYValue(s, i)));
            }
        }
    }

    private static void writeCategory(StringBuilder sb, int panel, int index, CategoryDataset data) {
        for (int r = 0; r < data.getRowCount(); r++) {
            for (int c = 0; c < data.getColumnCount(); c++) {
                Number v = data.getValue(r, c);
                Csv.line(sb, Arrays.asList(panel, index, data.getRowKey(r).toString(),
                        data.getColumnKey(c).toString(), null, v == null ? null : v.doubleValue(),
                        null, null, null, null, null));
            }
        }
    }

    private static void requireSize(int width, int height) {
        if (width < 1 || height < 1 || width > MAX_PIXELS_PER_SIDE || height > MAX_PIXELS_PER_SIDE) {
            throw new IllegalArgumentException("chart size " + width + " x " + height + ", expected 1 to "
                    + MAX_PIXELS_PER_SIDE + " pixels per side");
        }
    }
}
