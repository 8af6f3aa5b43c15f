/**
 * The workbench's shared state: the loaded dataset, the forget set, the original model and the
 * comparison every screen reads and extends. Lives on the FX thread; jobs hand their results back
 * to it on completion.
 */
package org.lethe.ui.workbench;
