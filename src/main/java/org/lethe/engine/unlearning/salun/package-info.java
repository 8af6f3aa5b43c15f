/**
 * SalUn (Fan et al., ICLR 2024): random-label unlearning restricted to the weights most salient for
 * the forget set; the rest stay frozen at the original's values.
 */
package org.lethe.engine.unlearning.salun;
