package org.lethe.viz;

import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.labels.ItemLabelAnchor;
import org.jfree.chart.labels.ItemLabelPosition;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.DefaultCategoryDataset;
import org.lethe.engine.evaluation.metric.UnlearningWarning;

/**
 * Grouped bars of forget / retain / test accuracy: one group per split, one bar per model, each
 * bar labelled with its value. The y axis shows 0–100 % (with a little headroom for the labels).
 *
 * <p>Models can be added one at a time as they arrive ({@link #add(ModelAccuracies)}); a model
 * added again replaces its earlier bars. Colours follow {@link Palette#model(int)} by the order in
 * which models were first added, so add the original, then the retrained model, then methods.
 * Like every JFreeChart object, the chart must be built and updated on one thread (the GUI's FX
 * thread, or the CLI's thread).
 */
public final class AccuracyBarChart {

    /** Category label of the forget split; names both conventions (AMUN's vs SalUn's UA). */
    public static final String FORGET_CATEGORY = "Forget (UA = 100 − this)";

    private final ChartStyle style;
    private final DefaultCategoryDataset dataset = new DefaultCategoryDataset();
    private final JFreeChart chart;
    private final BarRenderer renderer;

    /** An empty chart in the given style. */
    public AccuracyBarChart(ChartStyle style) {
        this.style = Objects.requireNonNull(style, "style");
        CategoryAxis x = new CategoryAxis("Evaluation set");
        x.setMaximumCategoryLabelLines(2); // large projector fonts wrap the forget label
        NumberAxis y = new NumberAxis("Accuracy (%)");
        y.setRange(0, 108);
        y.setTickUnit(new NumberTickUnit(10, Charts.format("0")));
        renderer = new BarRenderer();
        renderer.setItemMargin(0.04);
        renderer.setDefaultItemLabelGenerator(new StandardCategoryItemLabelGenerator("{2}", Charts.format("0.0")));
        renderer.setDefaultItemLabelsVisible(true);
        renderer.setDefaultPositiveItemLabelPosition(
                new ItemLabelPosition(ItemLabelAnchor.OUTSIDE12, TextAnchor.BOTTOM_CENTER));
        CategoryPlot plot = new CategoryPlot(dataset, x, y, renderer);
        plot.setOrientation(PlotOrientation.VERTICAL);
        plot.setRangeGridlinesVisible(true);
        chart = Charts.chart("Accuracy on forget, retain and test sets", plot, true);
        style.apply(chart);
    }

    /** A chart of the given models, in the given order. */
    public static JFreeChart of(List<ModelAccuracies> models, ChartStyle style) {
        AccuracyBarChart c = new AccuracyBarChart(style);
        models.forEach(c::add);
        return c.chart();
    }

    /** Adds (or replaces) one model's bars. */
    public AccuracyBarChart add(ModelAccuracies model) {
        Objects.requireNonNull(model, "model");
        for (Split split : Split.values()) {
            double v = model.percent(split);
            dataset.setValue(Double.isNaN(v) ? null : v, model.model(), category(split));
        }
        recolour();
        return this;
    }

    /** Adds a coloured subtitle line per warning for {@code model} (see {@link ChartWarnings}). */
    public AccuracyBarChart warn(String model, Collection<UnlearningWarning> warnings) {
        ChartWarnings.add(chart, model, warnings, style);
        return this;
    }

    /** The category label of a split on the x axis. */
    public static String category(Split split) {
        return split == Split.FORGET ? FORGET_CATEGORY : split.label();
    }

    /** The chart (live: later {@link #add} calls update it). */
    public JFreeChart chart() {
        return chart;
    }

    private void recolour() {
        for (int s = 0; s < dataset.getRowCount(); s++) {
            Palette.styleBars(renderer, s, style.lineWidth());
        }
        style.apply(chart);
    }
}
