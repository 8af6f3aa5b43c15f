/**
 * Picking the forget set in the thumbnail grid: the selection with undo/redo and its summary
 * ({@link org.lethe.ui.forgetset.ForgetSelection}), rubber-band drags over the virtualised grid
 * ({@link org.lethe.ui.forgetset.RubberBand}), and the tools that need the original model or a
 * file: ordering the grid by confidence or loss, "hardest to forget", index-list import and export
 * ({@link org.lethe.ui.forgetset.ForgetSetViewModel}, wired by
 * {@link org.lethe.ui.forgetset.ForgetSetScreen}).
 */
package org.lethe.ui.forgetset;
