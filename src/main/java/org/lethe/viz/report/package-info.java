/**
 * Scenario reports with charts: the standard chart set of a scenario run, written as PNG, SVG and
 * CSV, and a single self-contained HTML page with the tables and the charts.
 */
package org.lethe.viz.report;
