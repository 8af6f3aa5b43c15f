/**
 * The per-sample inspector: one image, its label and forget-set membership, and what every model
 * of the comparison (original, retrained, each unlearned) says about it: probability bars over the
 * classes, the loss, and the membership attack's confidence and call.
 */
package org.lethe.ui.inspector;
