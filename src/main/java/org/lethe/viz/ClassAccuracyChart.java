package org.lethe.viz;

import java.awt.Color;
import java.awt.Paint;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.PaintScale;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.DefaultXYZDataset;

/**
 * Accuracy per class and model: grouped bars (one group per class, one bar per model; forgetting
 * a whole class shows as a gap in that class's group), or a heatmap (classes × models, white to
 * Okabe–Ito blue for 0–100 %, each cell labelled with its value).
 *
 * <p>Bars can be fed model by model ({@link #add(ModelClassAccuracy)}); colours follow
 * {@link Palette#model(int)} in order of addition. One thread only.
 */
public final class ClassAccuracyChart {

    private final List<String> classNames;
    private final ChartStyle style;
    private final DefaultCategoryDataset dataset = new DefaultCategoryDataset();
    private final BarRenderer renderer = new BarRenderer();
    private final JFreeChart chart;

    /**
     * An empty bar chart.
     *
     * @param classNames one name per class ("0".."9", "airplane", ...)
     */
    public ClassAccuracyChart(List<String> classNames, ChartStyle style) {
        this.classNames = List.copyOf(classNames);
        this.style = Objects.requireNonNull(style, "style");
        if (this.classNames.isEmpty()) {
            throw new IllegalArgumentException("class-wise accuracy chart without classes, expected at least one");
        }
        CategoryAxis x = new CategoryAxis("Class");
        if (this.classNames.stream().anyMatch(n -> n.length() > 4)) {
            x.setCategoryLabelPositions(CategoryLabelPositions.UP_45);
        }
        NumberAxis y = new NumberAxis("Accuracy (%)");
        y.setRange(0, 100);
        y.setTickUnit(new NumberTickUnit(20, Charts.format("0")));
        renderer.setItemMargin(0.02);
        CategoryPlot plot = new CategoryPlot(dataset, x, y, renderer);
        chart = Charts.chart("Accuracy per class", plot, true);
        style.apply(chart);
    }

    /** Class names "0", "1", ... for {@code count} classes. */
    public static List<String> numberedClasses(int count) {
        List<String> names = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            names.add(Integer.toString(k));
        }
        return names;
    }

    /** Bars for all {@code models}, in order. */
    public static JFreeChart bars(List<String> classNames, List<ModelClassAccuracy> models, ChartStyle style) {
        ClassAccuracyChart c = new ClassAccuracyChart(classNames, style);
        models.forEach(c::add);
        return c.chart();
    }

    /** Adds (or replaces) one model's bars. */
    public ClassAccuracyChart add(ModelClassAccuracy model) {
        requireClassCount(model);
        double[] p = model.percent();
        for (int k = 0; k < p.length; k++) {
            dataset.setValue(Double.isNaN(p[k]) ? null : p[k], model.model(), classNames.get(k));
        }
        for (int s = 0; s < dataset.getRowCount(); s++) {
            Palette.styleBars(renderer, s, style.lineWidth());
        }
        style.apply(chart);
        return this;
    }

    /** The bar chart (live). */
    public JFreeChart chart() {
        return chart;
    }

    /**
     * A heatmap: x = class, y = model (first model at the top), colour = accuracy in percent, with a
     * colour-scale legend on the right. Classes without samples stay blank.
     */
    public static JFreeChart heatmap(List<String> classNames, List<ModelClassAccuracy> models, ChartStyle style) {
        Objects.requireNonNull(style, "style");
        if (classNames.isEmpty() || models.isEmpty()) {
            throw new IllegalArgumentException("class-wise heatmap of " + classNames.size() + " classes and "
                    + models.size() + " models, expected at least one of each");
        }
        int c = classNames.size();
        int m = models.size();
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        List<Double> zs = new ArrayList<>();
        String[] modelNames = new String[m];
        for (int j = 0; j < m; j++) {
            ModelClassAccuracy model = models.get(j);
            if (model.classCount() != c) {
                throw new IllegalArgumentException(model.model() + ": " + model.classCount()
                        + " class accuracies, expected " + c);
            }
            int row = m - 1 - j; // first model on top
            modelNames[row] = model.model();
            double[] p = model.percent();
            for (int k = 0; k < c; k++) {
                if (!Double.isNaN(p[k])) {
                    xs.add((double) k);
                    ys.add((double) row);
                    zs.add(p[k]);
                }
            }
        }
        double[][] series = new double[3][xs.size()];
        for (int i = 0; i < xs.size(); i++) {
            series[0][i] = xs.get(i);
            series[1][i] = ys.get(i);
            series[2][i] = zs.get(i);
        }
        DefaultXYZDataset dataset = new DefaultXYZDataset();
        dataset.addSeries("Accuracy (%)", series);
        SymbolAxis x = new SymbolAxis("Class", classNames.toArray(new String[0]));
        SymbolAxis y = new SymbolAxis("Model", modelNames);
        x.setGridBandsVisible(false);
        y.setGridBandsVisible(false);
        XYBlockRenderer renderer = new XYBlockRenderer();
        PercentScale scale = new PercentScale();
        renderer.setPaintScale(scale);
        XYPlot plot = new XYPlot(dataset, x, y, renderer);
        for (int i = 0; i < xs.size(); i++) {
            // the value in each cell, white on dark cells
            org.jfree.chart.annotations.XYTextAnnotation label = new org.jfree.chart.annotations.XYTextAnnotation(
                    Charts.format("0.#").format(zs.get(i)), xs.get(i), ys.get(i));
            label.setPaint(zs.get(i) > 55 ? Color.WHITE : Color.BLACK);
            plot.addAnnotation(label);
        }
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinesVisible(false);
        JFreeChart chart = Charts.chart("Accuracy per class (heatmap)", plot, false);
        NumberAxis legendAxis = new NumberAxis("Accuracy (%)");
        legendAxis.setRange(0, 100);
        PaintScaleLegend legend = new PaintScaleLegend(scale, legendAxis);
        legend.setPosition(RectangleEdge.RIGHT);
        legend.setMargin(new RectangleInsets(10, 10, 10, 10));
        legend.setStripWidth(18);
        chart.addSubtitle(legend);
        return style.apply(chart);
    }

    private void requireClassCount(ModelClassAccuracy model) {
        Objects.requireNonNull(model, "model");
        if (model.classCount() != classNames.size()) {
            throw new IllegalArgumentException(model.model() + ": " + model.classCount()
                    + " class accuracies, expected " + classNames.size() + " (" + classNames + ")");
        }
    }

    /** White (0 %) to Okabe–Ito blue (100 %), linear in each RGB channel: readable in grey too. */
    static final class PercentScale implements PaintScale, java.io.Serializable {

        private static final long serialVersionUID = 1L;

        @Override
        public double getLowerBound() {
            return 0;
        }

        @Override
        public double getUpperBound() {
            return 100;
        }

        @Override
        public Paint getPaint(double value) {
            double t = Double.isNaN(value) ? 0 : Math.max(0, Math.min(1, value / 100));
            Color hi = Palette.BLUE;
            return new Color(mix(255, hi.getRed(), t), mix(255, hi.getGreen(), t), mix(255, hi.getBlue(), t));
        }

        private static int mix(int a, int b, double t) {
            return (int) Math.round(a + (b - a) * t);
        }
    }
}
