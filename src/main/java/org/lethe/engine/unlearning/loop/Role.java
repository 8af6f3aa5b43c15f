package org.lethe.engine.unlearning.loop;

/** Where a batch's samples come from; methods treat roles differently (e.g. ascent on FORGET). */
public enum Role {
    /** The retain set. */
    RETAIN,
    /** The forget set. */
    FORGET,
    /** Samples the method made (adversarial examples). */
    GENERATED,
    /** A shuffled mix of several roles. */
    MIXED
}
