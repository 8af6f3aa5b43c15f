/**
 * Manual benchmarks of the engine (not unit tests; run with a {@code main}): {@code ModelBench}
 * (training and inference speed, per-step profile), {@code MlnProbe} (MultiLayerNetwork vs SameDiff
 * step time), {@code ThreadProbe} (runtime thread count), {@code OpProfile} (op-level trace).
 * They print to stdout, which engine code never does.
 */
package org.lethe.bench;
