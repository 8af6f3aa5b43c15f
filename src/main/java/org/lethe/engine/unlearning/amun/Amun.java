package org.lethe.engine.unlearning.amun;

/**
 * AMUN: fine-tune on the forget set (true labels), its adversarial copies (the original's wrong
 * labels) and, when available, a share of the retain set, all shuffled together.
 */
public final class Amun extends AdversarialUnlearning<AmunParams> {

    /** Registry id. */
    public static final String ID = AmunParams.ID;

    @Override
    protected String id() {
        return ID;
    }

    @Override
    protected AmunParams amun(AmunParams params) {
        return params;
    }
}
