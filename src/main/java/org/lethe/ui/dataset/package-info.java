/**
 * The dataset screen: choosing a dataset, its summary, and the thumbnail grid with a class filter
 * and an optional order by a per-image score ({@link org.lethe.ui.dataset.SampleOrder}).
 */
package org.lethe.ui.dataset;
