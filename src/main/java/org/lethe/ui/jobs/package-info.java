/**
 * The bridge from engine jobs to JavaFX: {@link org.lethe.ui.jobs.JobTask} adapts a job to a
 * {@code javafx.concurrent.Task}; {@link org.lethe.ui.jobs.JobsViewModel} queues them and feeds the
 * jobs panel.
 */
package org.lethe.ui.jobs;
