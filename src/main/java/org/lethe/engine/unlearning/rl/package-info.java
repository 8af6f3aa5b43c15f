/**
 * Random labels (RL): train the forget set towards wrong labels drawn at random, mixed with part of
 * the retain set, so the model's predictions on the forget set lose their link to the true labels.
 * The relabelled epoch plan is shared with SalUn.
 */
package org.lethe.engine.unlearning.rl;
