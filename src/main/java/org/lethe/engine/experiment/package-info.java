/**
 * Experiments: running an unlearning method next to the retrained gold standard and evaluating
 * both against the original; scenarios and reports build on this.
 */
package org.lethe.engine.experiment;
