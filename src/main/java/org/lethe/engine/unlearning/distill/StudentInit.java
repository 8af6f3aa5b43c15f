package org.lethe.engine.unlearning.distill;

/** Where the student's weights start. */
public enum StudentInit {
    /** A copy of the teacher (needs the same architecture and widths). */
    TEACHER,
    /** A fresh initialisation from the run's seed. */
    SCRATCH
}
