/**
 * The SISA study ({@code "kind": "sisa-shards"} in a study file): one sweep over the number of
 * shards, the constituent model, the sharding mode or the number of unlearning requests, reporting
 * accuracy, training time, retraining time per request and the speed-up over retraining one model
 * from scratch. Run by {@code lethe run FILE --out DIR}.
 */
package org.lethe.engine.unlearning.sisa.study;
