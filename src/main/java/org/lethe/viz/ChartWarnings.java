package org.lethe.viz;

import java.awt.Font;
import java.util.Collection;
import java.util.Objects;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.HorizontalAlignment;
import org.jfree.chart.ui.RectangleEdge;
import org.lethe.engine.evaluation.metric.UnlearningWarning;

/** Puts {@link UnlearningWarning}s on a chart as subtitles, so an exported figure carries them too. */
public final class ChartWarnings {

    private ChartWarnings() {
    }

    /**
     * Adds one subtitle line per warning, "⚠ model: sentence", in vermillion under the title.
     *
     * @return the number of lines added
     */
    public static int add(JFreeChart chart, String model, Collection<UnlearningWarning> warnings, ChartStyle style) {
        Objects.requireNonNull(chart, "chart");
        Objects.requireNonNull(warnings, "warnings");
        Charts.requireName(model, "model");
        int added = 0;
        for (UnlearningWarning w : warnings) {
            TextTitle line = new TextTitle("⚠ " + model + ": " + w.sentence(),
                    new Font(style.fontFamily(), Font.BOLD, style.legendSize()));
            line.setPaint(Palette.VERMILLION);
            line.setPosition(RectangleEdge.TOP);
            line.setHorizontalAlignment(HorizontalAlignment.LEFT);
            line.setMaximumLinesToDisplay(3);
            chart.addSubtitle(line);
            added++;
        }
        return added;
    }
}
