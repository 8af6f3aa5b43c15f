/** The main window: toolbar, dataset browser, jobs panel and status bar. */
package org.lethe.ui.main;
