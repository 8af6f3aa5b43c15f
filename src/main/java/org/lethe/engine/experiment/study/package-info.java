/**
 * Studies: scenario files for the training-time methods (SISA, DeltaGrad, amnesiac, unlearnable
 * examples), whose experiments are parameter sweeps rather than "one original, many post-hoc
 * methods". A study file names its {@code kind}; {@link org.lethe.engine.experiment.study.Studies}
 * maps the kind to the {@link org.lethe.engine.experiment.study.Study} that runs it, and every study
 * returns the same table-shaped {@link org.lethe.engine.experiment.study.StudyReport}, which
 * {@code lethe run} writes as report.json, report.csv, charts and report.html. The kinds:
 * {@code sisa-shards} ({@link org.lethe.engine.experiment.study.SisaStudy}), {@code deltagrad-deletion},
 * {@code unlearnable-share} and {@code amnesiac-memory}.
 */
package org.lethe.engine.experiment.study;
