/**
 * Small, hand-checkable evaluation metrics for unlearning, working on plain arrays so that any
 * source of per-sample probabilities (for example the evaluation package's predictions) can feed
 * them.
 *
 * <ul>
 *   <li>{@link org.lethe.engine.evaluation.metric.Roc}: ROC curve, AUC with ties counted as one
 *       half, TPR at a fixed FPR, curve points for charts.</li>
 *   <li>{@link org.lethe.engine.evaluation.metric.Divergence}: KL, Jensen-Shannon and activation
 *       distance between the output distributions of two models.</li>
 *   <li>{@link org.lethe.engine.evaluation.metric.ParameterDistance}: L2 and relative L2 distance
 *       between flat parameter vectors (DeltaGrad's measure).</li>
 *   <li>{@link org.lethe.engine.evaluation.metric.AvgGap} and
 *       {@link org.lethe.engine.evaluation.metric.MeanStd}: the "Avg. Gap to Retrain" summary of
 *       the unlearning papers and mean &plusmn; sample std over seeds.</li>
 *   <li>{@link org.lethe.engine.evaluation.metric.UnlearningWarnings}: plain-language warnings
 *       (collapse, no-op, over-forgetting) derived from the numbers.</li>
 *   <li>{@link org.lethe.engine.evaluation.metric.ForgetAccuracyConvention}: the two incompatible
 *       meanings of "UA" in the literature, named so that they are not mixed up.</li>
 *   <li>{@link org.lethe.engine.evaluation.metric.MetricId} and
 *       {@link org.lethe.engine.evaluation.metric.MetricRegistry}: stable metric ids for JSON,
 *       display names, units and which direction is better.</li>
 * </ul>
 *
 * <p>Percentages are numbers in [0, 100]; rates and AUCs returned by the metric classes themselves
 * are fractions in [0, 1] unless a method says otherwise. Bad input raises
 * {@link org.lethe.engine.evaluation.metric.MetricInputException}.
 */
package org.lethe.engine.evaluation.metric;
