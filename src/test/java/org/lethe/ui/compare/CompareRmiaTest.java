package org.lethe.ui.compare;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.lethe.engine.evaluation.ModelEvaluator;
import org.lethe.engine.evaluation.mia.ReferenceModels;
import org.lethe.engine.experiment.Comparison;
import org.lethe.engine.job.JobContext;
import org.lethe.engine.model.TrainedModel;
import org.lethe.engine.model.TrainingConfig;
import org.lethe.engine.unlearning.DataSplits;
import org.lethe.engine.unlearning.MethodDescriptor;
import org.lethe.engine.unlearning.MethodRegistry;
import org.lethe.engine.unlearning.UnlearningFixture;

/**
 * The dashboard's RMIA: a comparison with reference models gives every model (also one added
 * later) RMIA numbers, the table rows carry them and the RMIA ROC chart appears; dropping the
 * reference models removes both.
 */
class CompareRmiaTest {

    @Test
    void referenceModelsAddRmiaToEveryRowAndTheirChart() {
        TrainedModel original = UnlearningFixture.original();
        DataSplits splits = UnlearningFixture.forgetRandom10();
        MethodRegistry registry = MethodRegistry.standard();
        MethodDescriptor<?> retrain = registry.byId("retrain");
        JobContext ctx = JobContext.detached();
        Comparison c = Comparison.start(splits, original, ModelEvaluator.DEFAULT_RETAIN_SAMPLE, 0, ctx)
                .with(retrain.run(original, splits, retrain.defaults(), ctx), "Retrain", ctx);
        assertThat(c.referenceModels()).isEmpty();
        assertThat(MetricRow.of(c)).allMatch(r -> r.rmiaAuc() == null);
        assertThat(DashboardCharts.build(DashboardChart.RMIA_ROC, c, null,
                org.lethe.viz.ChartStyle.standard())).isNull();

        ReferenceModels refs = ReferenceModels.train(splits.dataset(), original.spec(),
                TrainingConfig.adam(3, 32, 2e-3, 5), 2, 11, ctx);
        Comparison attacked = c.withReferenceModels(new Comparison.RmiaSetup(refs, 11), ctx);
        MethodDescriptor<?> ga = registry.byId("ga");
        attacked = attacked.with(ga.run(original, splits, ga.defaults(), ctx), "GA", ctx);

        List<MetricRow> rows = MetricRow.of(attacked);
        assertThat(rows).hasSize(3).allMatch(r -> r.rmiaAuc() != null && r.tprAt1Fpr() != null);
        // the original saw the forget set, the retrained model did not
        assertThat(rows.get(0).rmiaAuc()).isGreaterThan(rows.get(1).rmiaAuc());
        assertThat(attacked.models()).allMatch(m -> m.rmiaRoc() != null);
        var chart = DashboardCharts.build(DashboardChart.RMIA_ROC, attacked, null,
                org.lethe.viz.ChartStyle.standard());
        assertThat(chart).isNotNull();
        assertThat(((org.jfree.chart.plot.XYPlot) chart.getPlot()).getDataset(0).getSeriesCount()).isEqualTo(3);

        Comparison dropped = attacked.withoutReferenceModels();
        assertThat(dropped.referenceModels()).isEmpty();
        assertThat(MetricRow.of(dropped)).allMatch(r -> r.rmiaAuc() == null);
        assertThat(MetricRow.of(dropped).get(2).forget()).isEqualTo(rows.get(2).forget());
    }
}
