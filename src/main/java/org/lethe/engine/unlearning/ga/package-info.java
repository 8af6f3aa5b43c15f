/** Gradient ascent (GA): raise the loss on the forget set, optionally with a retain-set pass per epoch. */
package org.lethe.engine.unlearning.ga;
