/**
 * Membership-inference attacks used to judge unlearning, none of which needs shadow models.
 *
 * <ul>
 *   <li>{@link org.lethe.engine.evaluation.mia.ThresholdAttack}: Song &amp; Mittal's per-class
 *       threshold attacks on correctness, confidence, entropy and modified entropy
 *       ({@link org.lethe.engine.evaluation.mia.MembershipFeature}), fitted on retain samples
 *       (members) against test samples (non-members).</li>
 *   <li>{@link org.lethe.engine.evaluation.mia.MiaEfficacy}: SalUn's and l1-sparse's SVM on the
 *       true-class confidence; the share of the forget set it calls non-member.</li>
 *   <li>{@link org.lethe.engine.evaluation.mia.Rmia}: RMIA with a few reference models
 *       (Zarifzadeh et al. 2024), scored per sample and summarised as a ROC-AUC.</li>
 * </ul>
 *
 * <p>Inputs are plain arrays: probability rows with labels
 * ({@link org.lethe.engine.evaluation.mia.LabelledProbabilities}) or per-sample signals. Every
 * attack reports a {@link org.lethe.engine.evaluation.mia.MiaResult} that says in one sentence
 * what its number means.
 */
package org.lethe.engine.evaluation.mia;
