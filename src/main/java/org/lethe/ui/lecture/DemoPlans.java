package org.lethe.ui.lecture;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;
import org.lethe.engine.experiment.Scenario;
import org.lethe.engine.model.TrainingConfig;

/**
 * The first-run demo as a {@link PresetPlan}: forget every 3 of a small MNIST subset from a small
 * network with Retrain, FT, GA and AMUN. Sizes can be changed without recompiling (system
 * properties below), so a lecturer can trade time for accuracy and tests can make it tiny.
 *
 * <ul>
 *   <li>{@code lethe.demo.trainLimit}: training images used (default {@value #TRAIN_LIMIT})</li>
 *   <li>{@code lethe.demo.model}: {@code mlp}, {@code lenet} or {@code logreg} (default {@value #MODEL})</li>
 *   <li>{@code lethe.demo.epochs}: epochs of the original and the retrain (default {@value #EPOCHS})</li>
 *   <li>{@code lethe.demo.methods}: comma-separated method ids after the retrain (default {@value #METHODS})</li>
 * </ul>
 */
public final class DemoPlans {

    /** Default training images. */
    public static final int TRAIN_LIMIT = 5000;
    /** Default architecture. */
    public static final String MODEL = "mlp";
    /** Default epochs. */
    public static final int EPOCHS = 3;
    /** Default methods after the retrain. */
    public static final String METHODS = "ft,ga,amun";
    /** The class the demo forgets. */
    public static final int FORGET_CLASS = 3;


    private DemoPlans() {
    }

    /** The demo with the sizes from the system properties. */
    public static PresetPlan standard() {
        return fromProperties(System::getProperty);
    }

    /** The demo with the sizes from {@code properties} (missing ones take the defaults). */
    public static PresetPlan fromProperties(UnaryOperator<String> properties) {
        int trainLimit = integer(properties, "lethe.demo.trainLimit", TRAIN_LIMIT);
        String model = text(properties, "lethe.demo.model", MODEL).toLowerCase(Locale.ROOT);
        int epochs = integer(properties, "lethe.demo.epochs", EPOCHS);
        List<String> methods = List.of(text(properties, "lethe.demo.methods", METHODS).split("\\s*,\\s*"));
        return plan(trainLimit, model, epochs, methods);
    }

    /**
     * A demo plan.
     *
     * @param trainLimit training images
     * @param model architecture id
     * @param epochs epochs of the original
     * @param methodIds method ids queued after the retrain, each at its defaults
     */
    public static PresetPlan plan(int trainLimit, String model, int epochs, List<String> methodIds) {
        List<Scenario.MethodEntry> methods = new ArrayList<>();
        for (String id : methodIds) {
            if (id.isBlank()) {
                continue;
            }
            methods.add(new Scenario.MethodEntry(id, null, null));
        }
        List<Integer> hidden = model.equals("mlp") ? List.of(128) : null;
        return new PresetPlan(String.format("Demo (forget every %d, %,d MNIST digits, %s)", FORGET_CLASS, trainLimit,
                model), "mnist", trainLimit, "class:" + FORGET_CLASS, 1, model, hidden,
                TrainingConfig.adam(epochs, 64, 1e-3, 1), methods);
    }

    private static int integer(UnaryOperator<String> properties, String key, int fallback) {
        String v = properties.apply(key);
        try {
            return v == null || v.isBlank() ? fallback : Integer.parseInt(v.strip());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static String text(UnaryOperator<String> properties, String key, String fallback) {
        String v = properties.apply(key);
        return v == null || v.isBlank() ? fallback : v.strip();
    }
}
