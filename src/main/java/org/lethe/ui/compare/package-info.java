/**
 * The comparison dashboard: the metrics table with warnings beside each method, and the standard
 * charts (accuracy, confidence histograms, per-sample scatter, MIA ROC, class-wise accuracy, cost
 * versus Avg Gap) kept up to date as models join the workbench's comparison, with PNG/SVG/CSV and
 * full-report export.
 */
package org.lethe.ui.compare;
