/**
 * The workbench's shared state: the loaded dataset, the forget set, the original model and the
 * comparison every screen reads and extends. Lives on the FX thread; jobs hand their results back
 * to it on completion.
 *
 * <h2>Threading rule</h2>
 *
 * <ul>
 *   <li><b>View-model state is FX-thread only.</b> {@link org.lethe.ui.workbench.Workbench}'s
 *       properties and lists, and those of every screen's view model, are read and written on the
 *       JavaFX application thread. Work that takes longer than a frame runs as a job
 *       ({@link org.lethe.ui.jobs.JobsViewModel#submit}) or on a screen's background executor, and
 *       its result comes back through the job's success handler or {@code Platform.runLater}. Live
 *       metrics reach the screens in batches on the FX thread ({@link org.lethe.ui.jobs.JobTask}).</li>
 *   <li><b>Engine results shared across threads are immutable.</b>
 *       {@link org.lethe.engine.experiment.Comparison} (adding a model returns a new one),
 *       {@link org.lethe.engine.evaluation.Predictions} (final arrays, accessors return copies),
 *       {@link org.lethe.engine.evaluation.EvaluatedModel} and the metric records may be handed to any
 *       thread and read there without locks: a job builds the next comparison while the FX thread
 *       draws the current one. {@code EvaluatedModel.params()} returns its own array for speed; it is
 *       never written after construction, and callers must not write it either.</li>
 *   <li><b>Networks are guarded.</b> A {@link org.lethe.engine.model.TrainedModel} is a record whose
 *       network is never changed once the model exists (unlearning works on
 *       {@code copyNetwork()}); the network's own methods are {@code synchronized}, so a forward pass
 *       from the inspector's executor and one from a job on the same model take turns instead of
 *       interleaving.</li>
 *   <li><b>JFreeChart objects belong to one thread.</b> The dashboard's live charts are built and
 *       changed on the FX thread; exports build a fresh chart from the immutable comparison on
 *       another thread ({@link org.lethe.ui.compare.DashboardCharts#build}).</li>
 * </ul>
 *
 * <p>{@code WorkbenchThreadingTest} holds the workbench to this: it trains through the workbench
 * while driving the dashboard and the inspector, records the thread of every property change, and
 * reads the comparison from a second thread.
 */
package org.lethe.ui.workbench;
