/** The dataset screen: choosing a dataset, its summary, and the thumbnail grid with a class filter. */
package org.lethe.ui.dataset;
