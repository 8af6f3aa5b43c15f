/**
 * AMUN, adversarial machine unlearning (Ebrahimpour-Boroojeny, Sundaram, Chandrasekaran, ICML 2025),
 * and its combination with SalUn's weight-saliency mask: fine-tune on the forget set (true labels)
 * together with adversarial copies of it that carry the original model's wrong predictions, plus
 * the retain set when it is available.
 */
package org.lethe.engine.unlearning.amun;
