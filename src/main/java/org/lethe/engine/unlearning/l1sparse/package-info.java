/**
 * l1-sparse unlearning (Unlearn-Sparse, Jia et al., NeurIPS 2023): fine-tuning on the retain set
 * with an ℓ1 penalty on the weights whose strength decays over the epochs.
 */
package org.lethe.engine.unlearning.l1sparse;
