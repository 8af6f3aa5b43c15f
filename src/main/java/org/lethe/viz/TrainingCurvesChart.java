package org.lethe.viz;

import java.util.Objects;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Live training curves: the training loss per iteration (top panel) and train / test accuracy per
 * epoch (bottom panel), on one shared x axis in epochs. Iteration {@code i} is drawn at
 * {@code i / iterationsPerEpoch} and the accuracy after epoch {@code e} at {@code e}, so both line
 * up.
 *
 * <p><b>Threading:</b> JFreeChart datasets are not thread-safe and every append repaints the
 * chart's listeners. Call {@link #appendLoss}, {@link #appendAccuracy} and {@link #clear} from one
 * thread only, the thread that draws the chart (the GUI forwards progress events to its FX
 * thread; the CLI uses its own thread).
 */
public final class TrainingCurvesChart {

    /** Series key of the loss curve. */
    public static final String LOSS = "Training loss";
    /** Series key of the training accuracy curve. */
    public static final String TRAIN_ACCURACY = "Train accuracy";
    /** Series key of the test accuracy curve. */
    public static final String TEST_ACCURACY = "Test accuracy";

    private final int iterationsPerEpoch;
    private final XYSeries loss = new XYSeries(LOSS, true, false);
    private final XYSeries trainAccuracy = new XYSeries(TRAIN_ACCURACY, true, false);
    private final XYSeries testAccuracy = new XYSeries(TEST_ACCURACY, true, false);
    private final JFreeChart chart;

    /**
     * An empty chart.
     *
     * @param iterationsPerEpoch mini-batches per epoch, at least 1 (places iterations on the epoch axis)
     */
    public TrainingCurvesChart(int iterationsPerEpoch, ChartStyle style) {
        if (iterationsPerEpoch < 1) {
            throw new IllegalArgumentException("iterations per epoch " + iterationsPerEpoch + ", expected >= 1");
        }
        Objects.requireNonNull(style, "style");
        this.iterationsPerEpoch = iterationsPerEpoch;
        NumberAxis epochs = new NumberAxis("Epoch");
        epochs.setAutoRangeIncludesZero(true);
        epochs.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(epochs);
        plot.setGap(10);

        NumberAxis lossAxis = new NumberAxis("Loss (cross-entropy, nats)");
        lossAxis.setAutoRangeIncludesZero(true);
        XYLineAndShapeRenderer lossRenderer = new XYLineAndShapeRenderer(true, false);
        lossRenderer.setSeriesPaint(0, Palette.BLACK);
        plot.add(new XYPlot(new XYSeriesCollection(loss), null, lossAxis, lossRenderer), 1);

        NumberAxis accAxis = new NumberAxis("Accuracy (%)");
        accAxis.setRange(0, 100);
        XYSeriesCollection acc = new XYSeriesCollection();
        acc.addSeries(trainAccuracy);
        acc.addSeries(testAccuracy);
        XYLineAndShapeRenderer accRenderer = new XYLineAndShapeRenderer(true, true);
        accRenderer.setSeriesPaint(0, Split.RETAIN.color());
        accRenderer.setSeriesPaint(1, Split.TEST.color());
        accRenderer.setSeriesShape(0, Charts.dot(7));
        accRenderer.setSeriesShape(1, Charts.square(7));
        plot.add(new XYPlot(acc, null, accAxis, accRenderer), 1);

        chart = Charts.chart("Training progress", plot, true);
        style.apply(chart);
    }

    /**
     * Appends the loss of one iteration (mini-batch).
     *
     * @param iteration 1-based count of mini-batches done so far, over all epochs
     * @param value the batch's mean loss (non-finite values are skipped)
     */
    public void appendLoss(long iteration, double value) {
        if (Double.isFinite(value)) {
            loss.add((double) iteration / iterationsPerEpoch, value);
        }
    }

    /**
     * Appends the accuracies measured after an epoch.
     *
     * @param epoch 1-based epoch number
     * @param trainPercent training accuracy in percent, or NaN if not measured
     * @param testPercent test accuracy in percent, or NaN if not measured
     */
    public void appendAccuracy(int epoch, double trainPercent, double testPercent) {
        if (!Double.isNaN(trainPercent)) {
            trainAccuracy.add(epoch, trainPercent);
        }
        if (!Double.isNaN(testPercent)) {
            testAccuracy.add(epoch, testPercent);
        }
    }

    /** Removes all points (e.g. before a new run). */
    public void clear() {
        loss.clear();
        trainAccuracy.clear();
        testAccuracy.clear();
    }

    /** The loss series (x in epochs), for callers that bind to it directly. Same one-thread rule. */
    public XYSeries lossSeries() {
        return loss;
    }

    /** The training-accuracy series (x = epoch). */
    public XYSeries trainAccuracySeries() {
        return trainAccuracy;
    }

    /** The test-accuracy series (x = epoch). */
    public XYSeries testAccuracySeries() {
        return testAccuracy;
    }

    /** Mini-batches per epoch, as given. */
    public int iterationsPerEpoch() {
        return iterationsPerEpoch;
    }

    /** The chart (live). */
    public JFreeChart chart() {
        return chart;
    }
}
