/**
 * Charts: builders that turn engine results into JFreeChart charts without JavaFX, shared by the
 * GUI (wrapped in a ChartViewer) and the CLI (exported as PNG/SVG).
 */
package org.lethe.viz;
