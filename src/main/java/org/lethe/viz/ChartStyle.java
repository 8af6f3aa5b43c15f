package org.lethe.viz;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Stroke;
import java.util.List;
import java.util.Objects;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYAnnotation;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.annotations.XYTitleAnnotation;
import org.jfree.chart.axis.Axis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.CombinedDomainCategoryPlot;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.CombinedRangeXYPlot;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.AbstractRenderer;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.CategoryItemRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.renderer.xy.XYItemRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.title.Title;

/**
 * Fonts, line widths and colours applied uniformly to any chart. Two presets:
 * {@link #standard()} for screens and reports, and {@link #projector()} for lecture halls (fonts
 * of at least 18 pt for titles and axes, thick lines, black on white).
 *
 * <p>{@link #apply(JFreeChart)} is idempotent: the builders call it again after adding series, so
 * new series get the style too. Series strokes keep their dash pattern; only the width changes.
 *
 * @param name preset name, for logs and menus
 * @param fontFamily font family (a logical family such as "SansSerif" works everywhere)
 * @param titleSize chart title size in points
 * @param axisLabelSize axis label size in points
 * @param tickLabelSize tick label size in points
 * @param legendSize legend and subtitle size in points
 * @param itemLabelSize value label and annotation size in points
 * @param lineWidth width of data lines in pixels
 * @param textColor colour of all text
 * @param gridColor colour of grid lines
 */
public record ChartStyle(String name, String fontFamily, int titleSize, int axisLabelSize, int tickLabelSize,
                         int legendSize, int itemLabelSize, float lineWidth, Color textColor, Color gridColor) {

    /** Checks that sizes and widths are positive. */
    public ChartStyle {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(fontFamily, "fontFamily");
        Objects.requireNonNull(textColor, "textColor");
        Objects.requireNonNull(gridColor, "gridColor");
        if (titleSize < 1 || axisLabelSize < 1 || tickLabelSize < 1 || legendSize < 1 || itemLabelSize < 1) {
            throw new IllegalArgumentException("chart style " + name + ": font sizes must be >= 1 pt");
        }
        if (!(lineWidth > 0)) {
            throw new IllegalArgumentException("chart style " + name + ": line width " + lineWidth
                    + ", expected > 0");
        }
    }

    /** For screens and reports: 16 pt titles, 13 pt axis labels, 2 px lines. */
    public static ChartStyle standard() {
        return new ChartStyle("standard", Font.SANS_SERIF, 16, 13, 11, 12, 11, 2f,
                new Color(0x202020), new Color(0xD0D0D0));
    }

    /** For projectors: 26 pt titles, 20 pt axis labels, 18 pt ticks and legends, 4 px lines, pure black text. */
    public static ChartStyle projector() {
        return new ChartStyle("projector", Font.SANS_SERIF, 26, 20, 18, 18, 16, 4f,
                Color.BLACK, new Color(0x909090));
    }

    /** Font of the chart title. */
    public Font titleFont() {
        return new Font(fontFamily, Font.BOLD, titleSize);
    }

    /** Font of axis labels. */
    public Font axisLabelFont() {
        return new Font(fontFamily, Font.PLAIN, axisLabelSize);
    }

    /** Font of tick labels. */
    public Font tickLabelFont() {
        return new Font(fontFamily, Font.PLAIN, tickLabelSize);
    }

    /** Font of legends and subtitles. */
    public Font legendFont() {
        return new Font(fontFamily, Font.PLAIN, legendSize);
    }

    /** Font of value labels and annotations. */
    public Font itemLabelFont() {
        return new Font(fontFamily, Font.PLAIN, itemLabelSize);
    }

    /** A solid data line of {@link #lineWidth()}. */
    public Stroke line() {
        return new BasicStroke(lineWidth, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
    }

    /** A dashed reference line, thinner than data lines. */
    public Stroke dashedLine() {
        float w = Math.max(1f, lineWidth * 0.75f);
        return new BasicStroke(w, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f,
                new float[] {4 * w, 3 * w}, 0f);
    }

    /** Applies this style to {@code chart} (title, subtitles, legend, every plot, axis and renderer) and returns it. */
    public JFreeChart apply(JFreeChart chart) {
        Objects.requireNonNull(chart, "chart");
        chart.setBackgroundPaint(Color.WHITE);
        chart.setAntiAlias(true);
        chart.setTextAntiAlias(true);
        // room on the right so the last tick label is not clipped
        chart.setPadding(new org.jfree.chart.ui.RectangleInsets(4, 4, 4, 4 + tickLabelSize));
        if (chart.getTitle() != null) {
            chart.getTitle().setFont(titleFont());
            chart.getTitle().setPaint(textColor);
        }
        for (int i = 0; i < chart.getSubtitleCount(); i++) {
            styleTitle(chart.getSubtitle(i));
        }
        stylePlot(chart.getPlot());
        return chart;
    }

    private void styleTitle(Title title) {
        if (title instanceof LegendTitle legend) {
            legend.setItemFont(legendFont());
            legend.setItemPaint(textColor);
            legend.setBackgroundPaint(Color.WHITE);
        } else if (title instanceof TextTitle text) {
            // subtitles keep their own colour (warnings are coloured) but take the style's size
            text.setFont(new Font(fontFamily, text.getFont().getStyle(), legendSize));
        } else if (title instanceof PaintScaleLegend scale) {
            styleAxis(scale.getAxis());
        }
    }

    private void stylePlot(Plot plot) {
        plot.setBackgroundPaint(Color.WHITE);
        plot.setOutlinePaint(gridColor);
        if (plot instanceof CombinedDomainXYPlot combined) {
            styleXY(combined);
            for (XYPlot sub : combined.getSubplots()) {
                stylePlot(sub);
            }
        } else if (plot instanceof CombinedRangeXYPlot combined) {
            styleXY(combined);
            for (XYPlot sub : combined.getSubplots()) {
                stylePlot(sub);
            }
        } else if (plot instanceof CombinedDomainCategoryPlot combined) {
            styleCategory(combined);
            for (Object sub : combined.getSubplots()) {
                stylePlot((Plot) sub);
            }
        } else if (plot instanceof XYPlot xy) {
            styleXY(xy);
        } else if (plot instanceof CategoryPlot category) {
            styleCategory(category);
        }
    }

    private void styleXY(XYPlot plot) {
        plot.setDomainGridlinePaint(gridColor);
        plot.setRangeGridlinePaint(gridColor);
        for (int i = 0; i < plot.getDomainAxisCount(); i++) {
            styleAxis(plot.getDomainAxis(i));
        }
        for (int i = 0; i < plot.getRangeAxisCount(); i++) {
            styleAxis(plot.getRangeAxis(i));
        }
        for (int i = 0; i < plot.getRendererCount(); i++) {
            XYItemRenderer r = plot.getRenderer(i);
            if (r != null) {
                int series = plot.getDataset(i) == null ? 0 : plot.getDataset(i).getSeriesCount();
                styleRenderer((AbstractRenderer) r, series);
                if (r instanceof XYBarRenderer bars) {
                    bars.setBarPainter(new StandardXYBarPainter());
                    bars.setShadowVisible(false);
                }
            }
        }
        @SuppressWarnings("unchecked")
        List<XYAnnotation> annotations = plot.getAnnotations();
        for (XYAnnotation a : annotations) {
            if (a instanceof XYTextAnnotation text) {
                text.setFont(itemLabelFont());
            } else if (a instanceof XYTitleAnnotation titled && titled.getTitle() instanceof TextTitle t) {
                t.setFont(new Font(fontFamily, Font.BOLD, legendSize));
                t.setPaint(textColor);
            }
        }
    }

    private void styleCategory(CategoryPlot plot) {
        plot.setDomainGridlinePaint(gridColor);
        plot.setRangeGridlinePaint(gridColor);
        for (int i = 0; i < plot.getDomainAxisCount(); i++) {
            styleAxis(plot.getDomainAxis(i));
        }
        for (int i = 0; i < plot.getRangeAxisCount(); i++) {
            styleAxis(plot.getRangeAxis(i));
        }
        for (int i = 0; i < plot.getRendererCount(); i++) {
            CategoryItemRenderer r = plot.getRenderer(i);
            if (r != null) {
                int series = plot.getDataset(i) == null ? 0 : plot.getDataset(i).getRowCount();
                styleRenderer((AbstractRenderer) r, series);
                if (r instanceof BarRenderer bars) {
                    bars.setBarPainter(new StandardBarPainter());
                    bars.setShadowVisible(false);
                    // outlines only where the model colours repeat (Palette.styleBars dashes them)
                    bars.setDrawBarOutline(series > 0 && Palette.cycle(series - 1) > 0);
                }
            }
        }
    }

    private void styleAxis(Axis axis) {
        if (axis == null) {
            return;
        }
        axis.setLabelFont(axisLabelFont());
        axis.setLabelPaint(textColor);
        axis.setTickLabelFont(tickLabelFont());
        axis.setTickLabelPaint(textColor);
        axis.setAxisLinePaint(textColor);
        axis.setTickMarkPaint(textColor);
    }

    private void styleRenderer(AbstractRenderer r, int seriesCount) {
        r.setDefaultItemLabelFont(itemLabelFont());
        r.setDefaultItemLabelPaint(textColor);
        r.setDefaultStroke(line());
        r.setAutoPopulateSeriesStroke(false);
        for (int s = 0; s < seriesCount; s++) {
            r.setSeriesItemLabelFont(s, null);
            Stroke old = r.getSeriesStroke(s);
            r.setSeriesStroke(s, rewidth(old));
        }
    }

    /** Keeps a dashed stroke dashed (scaled to the new width) and makes every stroke {@link #lineWidth()} wide. */
    private Stroke rewidth(Stroke old) {
        if (old instanceof BasicStroke b && b.getDashArray() != null) {
            float w = Math.max(1f, lineWidth * 0.75f);
            float ratio = w / Math.max(0.1f, b.getLineWidth());
            float[] dash = b.getDashArray().clone();
            for (int k = 0; k < dash.length; k++) {
                dash[k] *= ratio;
            }
            return new BasicStroke(w, b.getEndCap(), b.getLineJoin(), Math.max(1f, b.getMiterLimit()), dash,
                    b.getDashPhase() * ratio);
        }
        return line();
    }
}
