/**
 * Long-running work as jobs: a {@link org.lethe.engine.job.Job} reports through a
 * {@link org.lethe.engine.job.ProgressListener}, checks a {@link org.lethe.engine.job.CancellationToken}
 * and runs on a {@link org.lethe.engine.job.JobRunner}. The GUI adapts jobs to JavaFX tasks; tests use
 * {@link org.lethe.engine.job.SameThreadJobRunner}.
 */
package org.lethe.engine.job;
