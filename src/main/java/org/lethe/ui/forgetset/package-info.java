/** Picking the forget set in the thumbnail grid: selection state with undo/redo and its summary. */
package org.lethe.ui.forgetset;
