package org.lethe.ui.inspector;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.WeakHashMap;
import java.util.concurrent.Executor;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import org.lethe.engine.data.ImageDataset;
import org.lethe.engine.data.ImageSplit;
import org.lethe.engine.data.IndexView;
import org.lethe.engine.evaluation.EvaluatedModel;
import org.lethe.engine.evaluation.Predictions;
import org.lethe.engine.evaluation.mia.MiaEfficacy;
import org.lethe.engine.experiment.Comparison;
import org.lethe.engine.model.Network;
import org.lethe.engine.model.TrainedModel;
import org.lethe.ui.workbench.Workbench;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * State of the per-sample inspector. {@link #inspect(SampleRef)} shows at once what the
 * comparison already knows about the image (its predictions on the forget, retain-sample and test
 * sets); models that never saw it evaluated get one forward pass each, and each model's membership
 * classifier (the one behind its MIA-efficacy) is fitted once and kept. Both run on a background
 * executor and the result replaces the shown inspection unless another image was asked for
 * meanwhile. Call on the FX thread.
 */
public final class InspectorViewModel {

    private static final Logger LOG = LoggerFactory.getLogger(InspectorViewModel.class);

    private final Workbench workbench;
    private final Executor background;
    private final ReadOnlyObjectWrapper<SampleInspection> inspection = new ReadOnlyObjectWrapper<>(this, "inspection");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    /** Row of each sample index in a set of predictions, built on first use (FX thread only). */
    private final Map<Predictions, Map<Integer, Integer>> rows = new WeakHashMap<>();
    /** Membership classifier per model, keyed by the model's retain predictions (any thread). */
    private final Map<Predictions, MiaEfficacy> attacks = Collections.synchronizedMap(new WeakHashMap<>());
    private long requests;

    /** An inspector over {@code workbench}'s dataset, models and comparison. */
    public InspectorViewModel(Workbench workbench, Executor background) {
        this.workbench = Objects.requireNonNull(workbench, "workbench");
        this.background = Objects.requireNonNull(background, "background");
    }

    /** What is shown (null before the first inspection). */
    public ReadOnlyObjectProperty<SampleInspection> inspectionProperty() {
        return inspection.getReadOnlyProperty();
    }

    /** True while forward passes or membership classifiers are being computed. */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** The loaded dataset's class names (empty before a dataset is loaded). */
    public List<String> classNames() {
        ImageDataset data = workbench.datasetProperty().get();
        return data == null ? List.of() : data.classNames();
    }

    /** The split the image of {@code ref} lies in, in the loaded dataset. */
    public ImageSplit splitOf(SampleRef ref) {
        ImageDataset data = requireDataset();
        return ref.origin() == SampleRef.Origin.TRAIN ? data.train() : data.test();
    }

    /**
     * Shows {@code ref}.
     *
     * @throws IllegalStateException when no dataset is loaded
     * @throws IllegalArgumentException when the index lies outside its split
     */
    public void inspect(SampleRef ref) {
        ImageDataset data = requireDataset();
        ImageSplit split = splitOf(ref);
        if (ref.index() >= split.count()) {
            throw new IllegalArgumentException("sample " + ref.index() + " of the " + ref.origin().name().toLowerCase()
                    + " split, which has " + split.count() + " images");
        }
        long request = ++requests;
        int label = split.label(ref.index());
        String className = data.classNames().get(label);
        Comparison comparison = workbench.comparisonProperty().get();
        TrainedModel original = workbench.originalProperty().get();
        boolean inForget = ref.origin() == SampleRef.Origin.TRAIN && (comparison != null
                ? comparison.splits().forget().stream().anyMatch(i -> i == ref.index())
                : workbench.forgetSelection().isSelected(ref.index()));

        List<Slot> slots = new ArrayList<>();
        if (comparison != null) {
            Map<String, Network> networks = networks(comparison, original);
            for (EvaluatedModel model : comparison.models()) {
                slots.add(new Slot(model, networks.get(model.name()), known(model, ref)));
            }
        } else if (original != null) {
            slots.add(new Slot(null, original.network(), null));
        }
        List<ModelOpinion> now = slots.stream().filter(s -> s.known != null).map(s -> s.known).toList();
        boolean pending = slots.stream().anyMatch(s -> s.known == null || s.model != null);
        String note = slots.isEmpty() ? "Train a model to see what it says about this image."
                : comparison == null ? "Queue unlearning methods to compare models; membership calls come with the"
                        + " comparison." : "";
        inspection.set(new SampleInspection(ref, label, className, inForget, now,
                pending ? "Computing\u2026" : note));
        if (!pending) {
            busy.set(false);
            return;
        }
        busy.set(true);
        background.execute(() -> {
            SampleInspection done;
            try {
                List<ModelOpinion> all = new ArrayList<>();
                for (Slot slot : slots) {
                    ModelOpinion o = slot.known != null ? slot.known : forward(slot, split, ref, label);
                    if (slot.model != null) {
                        MiaEfficacy attack = attacks.computeIfAbsent(slot.model.retain(),
                                k -> comparison.evaluator().membershipAttack(slot.model));
                        o = o.withMember(attack.isMember(o.trueClassConfidence()));
                    }
                    all.add(o);
                }
                done = new SampleInspection(ref, label, className, inForget, all, note);
            } catch (RuntimeException e) {
                LOG.warn("inspecting {} failed", ref, e);
                done = new SampleInspection(ref, label, className, inForget, now,
                        "Could not compute every model's output: " + e.getMessage());
            }
            SampleInspection result = done;
            Platform.runLater(() -> {
                if (request == requests) {
                    inspection.set(result);
                    busy.set(false);
                }
            });
        });
    }

    /** A model of the comparison (null for a lone original), its network, and what is known already. */
    private record Slot(EvaluatedModel model, Network network, ModelOpinion known) { }

    private static Map<String, Network> networks(Comparison comparison, TrainedModel original) {
        Map<String, Network> out = new HashMap<>();
        if (original != null) {
            out.put(comparison.original().name(), original.network());
        }
        comparison.retrained().ifPresent(e -> out.put(e.label(), e.result().model().network()));
        comparison.unlearned().forEach(e -> out.put(e.label(), e.result().model().network()));
        return out;
    }

    /** The model's opinion from the comparison's predictions, or null when it never evaluated the image. */
    private ModelOpinion known(EvaluatedModel model, SampleRef ref) {
        List<Predictions> sets = ref.origin() == SampleRef.Origin.TRAIN
                ? List.of(model.forget(), model.retain()) : List.of(model.test());
        for (Predictions p : sets) {
            Integer row = rows.computeIfAbsent(p, InspectorViewModel::rowsOf).get(ref.index());
            if (row != null) {
                return opinion(model.name(), p, row, false);
            }
        }
        return null;
    }

    private static Map<Integer, Integer> rowsOf(Predictions p) {
        int[] indices = p.indices();
        Map<Integer, Integer> map = new HashMap<>(indices.length * 2);
        for (int i = 0; i < indices.length; i++) {
            map.put(indices[i], i);
        }
        return map;
    }

    private static ModelOpinion forward(Slot slot, ImageSplit split, SampleRef ref, int label) {
        if (slot.network == null) {
            throw new IllegalStateException("the network of " + (slot.model == null ? "the original"
                    : slot.model.name()) + " is not available");
        }
        Predictions p = Predictions.compute(slot.network, new IndexView(split, new int[] {ref.index()}, "inspected"));
        return opinion(slot.model == null ? "Original" : slot.model.name(), p, 0, true);
    }

    private static ModelOpinion opinion(String name, Predictions p, int row, boolean computed) {
        float[] probs = new float[p.numClasses()];
        for (int k = 0; k < probs.length; k++) {
            probs[k] = p.probability(row, k);
        }
        return new ModelOpinion(name, probs, p.predicted()[row], p.loss()[row], p.trueClassProbability()[row], null,
                computed);
    }

    private ImageDataset requireDataset() {
        ImageDataset data = workbench.datasetProperty().get();
        if (data == null) {
            throw new IllegalStateException("no dataset loaded");
        }
        return data;
    }
}
