package org.lethe.viz;

import java.awt.Color;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.awt.Shape;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.text.NumberFormat;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.RectangleEdge;

/** Small helpers shared by the chart builders. */
final class Charts {

    private Charts() {
    }

    static String requireName(String name, String what) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException(what + " name is " + (name == null ? "missing" : "blank")
                    + ", expected a non-blank name");
        }
        return name;
    }

    /** A Locale.ROOT decimal format such as "0.0" (dots, no grouping, whatever the user's locale). */
    static NumberFormat format(String pattern) {
        return new DecimalFormat(pattern, DecimalFormatSymbols.getInstance(Locale.ROOT));
    }

    /** A chart with the legend at the bottom and a white background. */
    static JFreeChart chart(String title, Plot plot, boolean legend) {
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, legend);
        LegendTitle lt = chart.getLegend();
        if (lt != null) {
            lt.setPosition(RectangleEdge.BOTTOM);
        }
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    /** One labelled tick per power of ten, nine unlabelled minor ticks in between. */
    static void decadeTicks(org.jfree.chart.axis.LogAxis axis) {
        axis.setTickUnit(new org.jfree.chart.axis.NumberTickUnit(1.0));
        axis.setMinorTickCount(9);
        axis.setMinorTickMarksVisible(true);
    }

    static Shape dot(double diameter) {
        return new Ellipse2D.Double(-diameter / 2, -diameter / 2, diameter, diameter);
    }

    static Shape square(double side) {
        return new Rectangle2D.Double(-side / 2, -side / 2, side, side);
    }

    static double minFinite(double... values) {
        double m = Double.POSITIVE_INFINITY;
        for (double v : values) {
            if (Double.isFinite(v) && v < m) {
                m = v;
            }
        }
        return m;
    }

    static double maxFinite(double... values) {
        double m = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            if (Double.isFinite(v) && v > m) {
                m = v;
            }
        }
        return m;
    }
}
