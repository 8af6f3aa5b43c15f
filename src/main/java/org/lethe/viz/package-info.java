/**
 * Charts: builders that turn engine results into JFreeChart charts without JavaFX, shared by the
 * GUI (wrapped in a ChartViewer) and the CLI (exported as PNG/SVG).
 *
 * <p>Inputs are small records ({@link org.lethe.viz.ModelAccuracies}, {@link org.lethe.viz.ModelScores},
 * {@link org.lethe.viz.ModelClassAccuracy}, {@link org.lethe.viz.MethodCost}) built from engine
 * results or plain arrays. Builders that the GUI feeds as models arrive are objects with an
 * {@code add(...)} method and a live {@code chart()}; the others are static factories. Colours come
 * from {@link org.lethe.viz.Palette} (Okabe–Ito, fixed roles), fonts and line widths from a
 * {@link org.lethe.viz.ChartStyle} ({@code standard} or {@code projector}).
 * {@link org.lethe.viz.ChartExport} writes PNG, SVG and the data as CSV; {@link org.lethe.viz.TableData}
 * holds tables (parameter distances, divergences) for a TableView or CSV.
 *
 * <p>JFreeChart objects are not thread-safe: build and update a chart on one thread.
 */
package org.lethe.viz;
