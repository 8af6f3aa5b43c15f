package org.lethe.viz;

import java.awt.Color;
import java.util.List;

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

    /** The same colour with the given opacity in [0, 1]. */
    public static Color withAlpha(Color color, double alpha) {
        int a = (int) Math.round(Math.max(0, Math.min(1, alpha)) * 255);
        return new Color(color.getRed(), color.getGreen(), color.getBlue(), a);
    }
}
