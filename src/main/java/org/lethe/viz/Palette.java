package org.lethe.viz;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Shape;
import java.awt.Stroke;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.util.List;
import org.jfree.chart.renderer.category.BarRenderer;

/**
 * The Okabe–Ito palette (eight colours that stay distinguishable for the common forms of colour
 * blindness) with fixed roles, so that a split or a model has the same colour in every chart.
 *
 * <ul>
 *   <li>Splits: forget {@link #VERMILLION}, retain {@link #BLUE}, test {@link #BLUISH_GREEN}
 *       (see {@link Split#color()}).</li>
 *   <li>Models, by position in a chart's input list: 0 the original model ({@link #BLACK}),
 *       1 the retrained model ({@link #SKY_BLUE}), then the methods in the order
 *       {@link #ORANGE}, {@link #BLUISH_GREEN}, {@link #REDDISH_PURPLE}, {@link #VERMILLION},
 *       {@link #BLUE}, {@link #YELLOW}, repeating after that.</li>
 * </ul>
 * Callers therefore list models as original, retrained, then the methods.
 *
 * <p>More than six methods repeat the method colours, so each repeat ({@link #cycle}) also gets its
 * own line dash ({@link #stroke}: solid, dashed, dotted, dash-dot), marker shape ({@link #marker}:
 * circle, square, diamond, triangle) and, for bars, a lighter fill with a dashed outline
 * ({@link #styleBars}); charts
 * that draw one series per model use them, so the seventh method is told from the first.
 */
public final class Palette {

    /** Okabe–Ito black, #000000. */
    public static final Color BLACK = new Color(0x000000);
    /** Okabe–Ito orange, #E69F00. */
    public static final Color ORANGE = new Color(0xE69F00);
    /** Okabe–Ito sky blue, #56B4E9. */
    public static final Color SKY_BLUE = new Color(0x56B4E9);
    /** Okabe–Ito bluish green, #009E73. */
    public static final Color BLUISH_GREEN = new Color(0x009E73);
    /** Okabe–Ito yellow, #F0E442. */
    public static final Color YELLOW = new Color(0xF0E442);
    /** Okabe–Ito blue, #0072B2. */
    public static final Color BLUE = new Color(0x0072B2);
    /** Okabe–Ito vermillion, #D55E00. */
    public static final Color VERMILLION = new Color(0xD55E00);
    /** Okabe–Ito reddish purple, #CC79A7. */
    public static final Color REDDISH_PURPLE = new Color(0xCC79A7);

    /** Neutral grey for reference lines (chance diagonal, y = x). */
    public static final Color REFERENCE = new Color(0x707070);

    private static final List<Color> METHODS =
            List.of(ORANGE, BLUISH_GREEN, REDDISH_PURPLE, VERMILLION, BLUE, YELLOW);

    private Palette() {
    }

    /** Colour of the original model (position 0). */
    public static Color original() {
        return BLACK;
    }

    /** Colour of the retrained model (position 1). */
    public static Color retrained() {
        return SKY_BLUE;
    }

    /**
     * Colour of the model at {@code position} of a list ordered original, retrained, methods...
     *
     * @param position zero-based position, at least 0
     */
    public static Color model(int position) {
        if (position < 0) {
            throw new IllegalArgumentException("model position " + position + ", expected >= 0");
        }
        if (position == 0) {
            return original();
        }
        if (position == 1) {
            return retrained();
        }
        return METHODS.get((position - 2) % METHODS.size());
    }

    /** Colour of the {@code index}-th unlearning method (0 = first method after original and retrained). */
    public static Color method(int index) {
        return model(index + 2);
    }

    /**
     * How many times the method colours have been used up before {@code position}: 0 for the
     * original, the retrained model and the first six methods, 1 for the next six, and so on.
     */
    public static int cycle(int position) {
        if (position < 0) {
            throw new IllegalArgumentException("model position " + position + ", expected >= 0");
        }
        return position < 2 ? 0 : (position - 2) / METHODS.size();
    }

    /**
     * The dash pattern of the model at {@code position} in units of the line width: null (solid)
     * in the first cycle, then dashed, dotted and dash-dot, repeating.
     */
    public static float[] dash(int position) {
        return switch (cycle(position) % 4) {
            case 0 -> null;
            case 1 -> new float[] {6f, 4f};
            case 2 -> new float[] {1.5f, 3f};
            default -> new float[] {7f, 3f, 1.5f, 3f};
        };
    }

    /** The line stroke of the model at {@code position}, {@code width} wide, dashed after the first cycle. */
    public static Stroke stroke(int position, float width) {
        float[] dash = dash(position);
        if (dash == null) {
            return new BasicStroke(width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
        }
        float unit = Math.max(1f, width);
        float[] scaled = new float[dash.length];
        for (int k = 0; k < dash.length; k++) {
            scaled[k] = dash[k] * unit;
        }
        return new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, scaled, 0f);
    }

    /**
     * The marker of the model at {@code position}, about {@code size} across and centred on the
     * origin: a circle in the first cycle, then a square, a diamond and a triangle, repeating.
     */
    public static Shape marker(int position, double size) {
        double h = size / 2;
        return switch (cycle(position) % 4) {
            case 0 -> new Ellipse2D.Double(-h, -h, size, size);
            case 1 -> new Rectangle2D.Double(-h * 0.9, -h * 0.9, size * 0.9, size * 0.9);
            case 2 -> polygon(0, -h * 1.2, h * 1.2, 0, 0, h * 1.2, -h * 1.2, 0);
            default -> polygon(0, -h * 1.2, h * 1.1, h * 0.9, -h * 1.1, h * 0.9);
        };
    }

    /**
     * The outline of a filled shape (a bar) of the model at {@code position}: none (null) in the
     * first cycle, then a dark dashed line {@code width} wide.
     */
    public static Stroke outline(int position, float width) {
        return cycle(position) == 0 ? null : stroke(position, width);
    }

    /**
     * Colours the bars of the model at {@code position} in {@code renderer}: the model's colour in
     * the first cycle; after that a lighter fill with a dark {@link #outline} so that repeated
     * colours stay apart.
     */
    public static void styleBars(BarRenderer renderer, int position, float width) {
        Color color = model(position);
        renderer.setDrawBarOutline(true);
        Stroke outline = outline(position, width);
        if (outline == null) {
            renderer.setSeriesPaint(position, color);
            renderer.setSeriesOutlinePaint(position, color);
            renderer.setSeriesOutlineStroke(position, new BasicStroke(0.5f));
        } else {
            renderer.setSeriesPaint(position, withAlpha(color, 0.55));
            renderer.setSeriesOutlinePaint(position, BLACK);
            renderer.setSeriesOutlineStroke(position, outline);
        }
    }

    private static Shape polygon(double... xy) {
        Path2D.Double path = new Path2D.Double();
        path.moveTo(xy[0], xy[1]);
        for (int k = 2; k < xy.length; k += 2) {
            path.lineTo(xy[k], xy[k + 1]);
        }
        path.closePath();
        return path;
    }

    /** The same colour with the given opacity in [0, 1]. */
    public static Color withAlpha(Color color, double alpha) {
        int a = (int) Math.round(Math.max(0, Math.min(1, alpha)) * 255);
        return new Color(color.getRed(), color.getGreen(), color.getBlue(), a);
    }
}
