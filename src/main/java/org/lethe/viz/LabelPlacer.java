package org.lethe.viz;

import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;

/**
 * Puts text labels beside points so that they overlap neither each other, nor the points'
 * markers, nor fixed boxes (such as a reference line's label), and stay inside an area. Each
 * label tries eight spots around its point (up-right first, as charts usually label), at one,
 * two and three times the offset; the first free spot wins, otherwise the spot with the least
 * overlap. Greedy, in the order given: fine for the handful of methods of a comparison.
 */
final class LabelPlacer {

    /** Spots around a point, as {x, y} factors: x −1 left, 0 centred, 1 right; y likewise. */
    private static final int[][] SPOTS = {
        {1, -1}, {-1, -1}, {1, 1}, {-1, 1}, {1, 0}, {-1, 0}, {0, -1}, {0, 1},
    };
    private static final int DISTANCES = 3;

    private LabelPlacer() {
    }

    /**
     * Places labels.
     *
     * @param anchors the points, {x, y} each, in drawing coordinates (y down)
     * @param sizes the labels' sizes, {width, height} each, in the anchors' order
     * @param area where labels must stay
     * @param offset the gap between a point and its label
     * @param markerRadius half the size of a point's marker, kept clear of labels
     * @param fixed boxes already taken
     * @return each label's box, in the anchors' order
     */
    static List<Rectangle2D> place(List<double[]> anchors, List<double[]> sizes, Rectangle2D area, double offset,
            double markerRadius, List<Rectangle2D> fixed) {
        if (anchors.size() != sizes.size()) {
            throw new IllegalArgumentException(anchors.size() + " anchors but " + sizes.size() + " label sizes");
        }
        List<Rectangle2D> taken = new ArrayList<>(fixed);
        for (double[] a : anchors) {
            taken.add(new Rectangle2D.Double(a[0] - markerRadius, a[1] - markerRadius, 2 * markerRadius,
                    2 * markerRadius));
        }
        List<Rectangle2D> placed = new ArrayList<>();
        for (int i = 0; i < anchors.size(); i++) {
            double[] a = anchors.get(i);
            double w = sizes.get(i)[0];
            double h = sizes.get(i)[1];
            Rectangle2D best = null;
            double bestCost = Double.POSITIVE_INFINITY;
            search:
            for (int k = 1; k <= DISTANCES; k++) {
                double d = offset * k + markerRadius;
                for (int[] spot : SPOTS) {
                    double x = spot[0] > 0 ? a[0] + d : spot[0] < 0 ? a[0] - d - w : a[0] - w / 2;
                    double y = spot[1] > 0 ? a[1] + d : spot[1] < 0 ? a[1] - d - h : a[1] - h / 2;
                    Rectangle2D box = new Rectangle2D.Double(x, y, w, h);
                    double cost = cost(box, area, taken);
                    if (cost < bestCost) {
                        best = box;
                        bestCost = cost;
                        if (cost == 0) {
                            break search;
                        }
                    }
                }
            }
            placed.add(best);
            taken.add(best);
        }
        return placed;
    }

    /** Overlapping area with taken boxes, plus a heavy charge for any part outside {@code area}. */
    private static double cost(Rectangle2D box, Rectangle2D area, List<Rectangle2D> taken) {
        double cost = 0;
        Rectangle2D inside = box.createIntersection(area);
        double outside = box.getWidth() * box.getHeight()
                - (inside.isEmpty() ? 0 : inside.getWidth() * inside.getHeight());
        cost += 10 * outside;
        for (Rectangle2D t : taken) {
            if (t.intersects(box)) {
                Rectangle2D overlap = t.createIntersection(box);
                cost += overlap.getWidth() * overlap.getHeight();
            }
        }
        return cost;
    }
}
