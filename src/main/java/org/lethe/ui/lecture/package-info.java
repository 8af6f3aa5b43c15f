/**
 * Lecture mode: the View menu (themes, presenter view, UI scale, full screen, screen shortcuts),
 * one-click scenario presets from {@code sample-data/scenarios}, and the first-run demo that
 * trains a small model, forgets class 3 with several methods and lands on the dashboard.
 */
package org.lethe.ui.lecture;
