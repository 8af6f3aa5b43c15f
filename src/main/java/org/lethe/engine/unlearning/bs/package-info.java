/**
 * Boundary Shrink (BS, Chen et al., CVPR 2023): move each forget sample's decision towards its
 * nearest wrong class, found with a one-step adversarial attack on the frozen original.
 */
package org.lethe.engine.unlearning.bs;
