/**
 * Scenario sweeps as independent tasks: a {@link org.lethe.engine.experiment.sweep.SweepPlan} cuts a
 * scenario into tasks (train the original of a seed, retrain it without the forget set, run one
 * method for one seed), a {@link org.lethe.engine.experiment.sweep.SweepTaskRunner} executes one
 * task against a {@link org.lethe.engine.experiment.sweep.SweepStore}, and a
 * {@link org.lethe.engine.experiment.sweep.SweepRunner} backend decides where the tasks run: in this
 * process (the default) or on a cluster engine found through {@link
 * org.lethe.engine.experiment.sweep.SweepBackend} (Apache Spark, built with the {@code spark}
 * Maven profile; see {@code docs/adr/0006-spark-sweeps.md}). The same backends also train SISA
 * ensembles with one task per shard ({@link org.lethe.engine.experiment.sweep.SisaShardSweep}).
 */
package org.lethe.engine.experiment.sweep;
