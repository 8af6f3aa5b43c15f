package org.lethe.engine.job;

/**
 * Receives what a running job reports. Calls arrive on the job's thread; implementations that
 * update a UI must hand the values over to the UI thread themselves.
 */
public interface ProgressListener {

    /** A listener that ignores everything. */
    ProgressListener NONE = new ProgressListener() { };

    /**
     * Overall progress.
     *
     * @param fraction in [0, 1], or a negative number when the amount of work is unknown
     * @param message a short description of the current step
     */
    default void progress(double fraction, String message) { }

    /** One point of a live chart series, e.g. ("loss", iteration, value). */
    default void metric(String series, double x, double y) { }

    /** A line for the job's log. */
    default void log(String line) { }
}
