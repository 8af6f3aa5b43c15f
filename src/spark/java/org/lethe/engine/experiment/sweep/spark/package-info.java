/**
 * The Apache Spark backend of scenario sweeps: each sweep task becomes one Spark task that calls
 * {@link org.lethe.engine.experiment.sweep.SweepWorker} with a JSON request and hands back a JSON
 * result; models go to a folder every executor can reach. Compiled only by the {@code spark} Maven
 * profile, and found at run time through {@link java.util.ServiceLoader}.
 */
package org.lethe.engine.experiment.sweep.spark;
