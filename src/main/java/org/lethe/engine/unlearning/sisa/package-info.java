/**
 * SISA training (Sharded, Isolated, Sliced, Aggregated; Bourtoule et al., IEEE S&amp;P 2021): an
 * ensemble of constituent models, one per disjoint shard of the training data, each trained slice
 * by slice with a checkpoint after every slice, so that deleting a training point only retrains the
 * one shard that held it, starting from the last checkpoint that never saw the point.
 *
 * <p>Entry point: {@link org.lethe.engine.unlearning.sisa.SisaEnsemble}; settings:
 * {@link org.lethe.engine.unlearning.sisa.SisaConfig}; how points are split into shards:
 * {@link org.lethe.engine.unlearning.sisa.ShardAssignment}; how constituent outputs are combined:
 * {@link org.lethe.engine.unlearning.sisa.SisaAggregator}; saving and loading a whole ensemble with its
 * checkpoints: {@link org.lethe.engine.unlearning.sisa.SisaStore}.
 */
package org.lethe.engine.unlearning.sisa;
