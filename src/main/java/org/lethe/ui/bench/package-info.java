/**
 * Measures how responsive the GUI stays under load (issue #7: "the FX thread never blocks"):
 * {@link org.lethe.ui.bench.PulseGapRecorder} notes every JavaFX pulse and reports the gaps between
 * them, and {@link org.lethe.ui.bench.UiResponsivenessBench} drives the real main window through a
 * training run and an unlearning comparison while it records. {@code lethe bench ui} prints the
 * result.
 */
package org.lethe.ui.bench;
