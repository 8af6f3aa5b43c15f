package org.lethe.ui.history;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.ObservableList;
import javafx.collections.transformation.SortedList;
import org.lethe.engine.LetheException;
import org.lethe.engine.experiment.Comparison;
import org.lethe.engine.model.ModelSpec;
import org.lethe.engine.model.TrainingConfig;
import org.lethe.engine.unlearning.MethodDescriptor;
import org.lethe.engine.unlearning.MethodRegistry;
import org.lethe.ui.jobs.JobTask;
import org.lethe.ui.workbench.RunRecord;
import org.lethe.ui.workbench.Workbench;

/**
 * State and actions of the history screen: the workbench's runs for a sortable table, the
 * selected run's parameters, and re-run / delete / export. Use on the FX thread.
 */
public final class HistoryViewModel {

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Workbench workbench;
    private final SortedList<RunRecord> rows;
    private final ObjectProperty<RunRecord> selected = new SimpleObjectProperty<>(this, "selected");
    private final StringBinding paramsText;
    private final BooleanBinding canRerun;

    /** The history of {@code workbench}. */
    public HistoryViewModel(Workbench workbench) {
        this.workbench = Objects.requireNonNull(workbench, "workbench");
        this.rows = new SortedList<>(workbench.history());
        this.paramsText = Bindings.createStringBinding(() -> describe(selected.get()), selected);
        this.canRerun = Bindings.createBooleanBinding(() -> selected.get() != null
                && (selected.get().kind() == RunRecord.Kind.TRAIN || workbench.originalProperty().get() != null),
                selected, workbench.originalProperty());
        workbench.history().addListener((javafx.collections.ListChangeListener<RunRecord>) c -> {
            if (selected.get() != null && !workbench.history().contains(selected.get())) {
                selected.set(null);
            }
        });
    }

    /** The runs, sorted by whatever comparator the table binds to {@link SortedList#comparatorProperty()}. */
    public SortedList<RunRecord> rows() {
        return rows;
    }

    /** The run the user selected (null: none). */
    public ObjectProperty<RunRecord> selectedProperty() {
        return selected;
    }

    /** The selected run's parameters, pretty-printed, with a heading. */
    public StringBinding paramsTextProperty() {
        return paramsText;
    }

    /** Whether the selected run can run again now (an unlearning run needs an original model). */
    public BooleanBinding canRerunProperty() {
        return canRerun;
    }

    /** Number of runs. */
    public int size() {
        return workbench.history().size();
    }

    private static String describe(RunRecord r) {
        if (r == null) {
            return "";
        }
        String params;
        try {
            params = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(JSON.readTree(r.paramsJson()));
        } catch (JsonProcessingException e) {
            params = r.paramsJson();
        }
        return r.label() + " (" + r.methodId() + ", seed " + r.seed() + ", " + r.dataset()
                + (r.kind() == RunRecord.Kind.UNLEARN ? ", " + r.forgetCount() + " forgotten" : "") + ")\n" + params;
    }

    /**
     * Runs {@code record} again with the same parameters: a training run trains a new original
     * (which starts a new comparison); an unlearning run is queued on the current original and
     * forget set under the same label, replacing its row in the comparison.
     *
     * @throws LetheException when the run cannot start (no original model, empty forget set,
     *     parameters that no longer parse)
     */
    public JobTask<?> rerun(RunRecord record) {
        Objects.requireNonNull(record, "record");
        ObjectNode params = parse(record);
        if (record.kind() == RunRecord.Kind.TRAIN) {
            if (workbench.datasetProperty().get() == null) {
                throw new LetheException("Cannot re-run '" + record.label() + "': no dataset is loaded.");
            }
            try {
                ModelSpec spec = JSON.treeToValue(params.get("model"), ModelSpec.class);
                TrainingConfig config = JSON.treeToValue(params.get("training"), TrainingConfig.class);
                return workbench.train(spec, config, points -> { });
            } catch (JsonProcessingException | IllegalArgumentException e) {
                throw new LetheException("Cannot re-run '" + record.label() + "': its model or training settings"
                        + " are not readable (" + e.getMessage() + ").", e);
            }
        }
        if (workbench.originalProperty().get() == null) {
            throw new LetheException("Cannot re-run '" + record.label() + "': there is no original model. Train one"
                    + " (or open a session) first.");
        }
        if (workbench.forgetSelection().countProperty().get() == 0) {
            throw new LetheException("Cannot re-run '" + record.label() + "': the forget set is empty. Pick the"
                    + " samples to forget on the Data tab first.");
        }
        MethodDescriptor<?> method = workbench.methods().byId(record.methodId());
        Record values = MethodRegistry.params(method, params);
        return workbench.unlearn(method, values, record.label());
    }

    private static ObjectNode parse(RunRecord record) {
        try {
            JsonNode node = JSON.readTree(record.paramsJson());
            if (node instanceof ObjectNode o) {
                return o;
            }
        } catch (JsonProcessingException e) {
            // reported below
        }
        throw new LetheException("Cannot re-run '" + record.label() + "': its parameters are not a JSON object: "
                + record.paramsJson());
    }

    /**
     * Removes {@code record} from the history; when it is the latest run of its label and that
     * label is in the comparison, its model leaves the comparison too.
     */
    public void delete(RunRecord record) {
        ObservableList<RunRecord> history = workbench.history();
        int at = history.indexOf(record);
        if (at < 0) {
            return;
        }
        boolean latestOfLabel = history.subList(at + 1, history.size()).stream()
                .noneMatch(r -> r.kind() == RunRecord.Kind.UNLEARN && r.label().equals(record.label()));
        history.remove(at);
        Comparison comparison = workbench.comparisonProperty().get();
        if (record.kind() == RunRecord.Kind.UNLEARN && latestOfLabel && comparison != null
                && comparison.rows().stream().skip(1).anyMatch(row -> row.label().equals(record.label()))) {
            workbench.comparisonProperty().set(comparison.without(record.label()));
        }
    }

    /** Writes the history (in table order) to {@code file} as a job. */
    public JobTask<Path> exportCsv(Path file) {
        List<RunRecord> snapshot = List.copyOf(rows);
        return workbench.jobs().submit("Export history to " + file.getFileName(), ctx -> {
            HistoryCsv.write(snapshot, file);
            return file;
        }, written -> { });
    }
}
