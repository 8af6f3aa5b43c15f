package org.lethe.engine.unlearning.loop;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * The batches of one epoch, as references into sample sets; batches are materialised one at a time
 * by the loop, so an epoch plan costs a few ints per sample.
 */
public final class EpochPlan {

    /** A sample set and the role its samples play. */
    public record Part(SampleSet samples, Role role) {
        public Part {
            Objects.requireNonNull(samples, "samples");
            Objects.requireNonNull(role, "role");
        }
    }

    /** One planned batch: part and sample index of each row. */
    record PlannedBatch(int[] parts, int[] samples, Role role) { }

    private final List<Part> parts;
    private final List<PlannedBatch> batches;

    private EpochPlan(List<Part> parts, List<PlannedBatch> batches) {
        this.parts = List.copyOf(parts);
        this.batches = List.copyOf(batches);
    }

    /**
     * One shuffled pass over each part in turn (e.g. the forget set, then the retain set), each with
     * its own batches and role.
     */
    public static EpochPlan passes(List<Part> parts, int batchSize, SplittableRandom random) {
        List<PlannedBatch> batches = new ArrayList<>();
        for (int p = 0; p < parts.size(); p++) {
            int[] order = permutation(parts.get(p).samples().size(), random);
            for (int from = 0; from < order.length; from += batchSize) {
                int b = Math.min(batchSize, order.length - from);
                int[] partIds = new int[b];
                java.util.Arrays.fill(partIds, p);
                batches.add(new PlannedBatch(partIds, java.util.Arrays.copyOfRange(order, from, from + b),
                        parts.get(p).role()));
            }
        }
        return new EpochPlan(parts, batches);
    }

    /** All parts' samples shuffled together into one pass (e.g. AMUN's D_R, D_F and D_A). */
    public static EpochPlan mixed(List<Part> parts, int batchSize, SplittableRandom random) {
        int total = parts.stream().mapToInt(p -> p.samples().size()).sum();
        int[] partOf = new int[total];
        int[] sampleOf = new int[total];
        int k = 0;
        for (int p = 0; p < parts.size(); p++) {
            for (int i = 0; i < parts.get(p).samples().size(); i++) {
                partOf[k] = p;
                sampleOf[k] = i;
                k++;
            }
        }
        int[] order = permutation(total, random);
        List<PlannedBatch> batches = new ArrayList<>();
        for (int from = 0; from < total; from += batchSize) {
            int b = Math.min(batchSize, total - from);
            int[] ps = new int[b];
            int[] ss = new int[b];
            Role role = null;
            for (int j = 0; j < b; j++) {
                ps[j] = partOf[order[from + j]];
                ss[j] = sampleOf[order[from + j]];
                Role r = parts.get(ps[j]).role();
                role = role == null || role == r ? r : Role.MIXED;
            }
            batches.add(new PlannedBatch(ps, ss, role));
        }
        return new EpochPlan(parts, batches);
    }

    private static int[] permutation(int n, SplittableRandom random) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    /** Number of batches. */
    public int size() {
        return batches.size();
    }

    /** Number of samples over all batches. */
    public long samples() {
        return batches.stream().mapToLong(b -> b.samples().length).sum();
    }

    /** Materialises batch {@code i}, reusing {@code buffer} when it is large enough. */
    Batch materialise(int i, float[][] buffer) {
        PlannedBatch planned = batches.get(i);
        int b = planned.samples().length;
        int d = parts.get(planned.parts()[0]).samples().dimension();
        if (buffer[0] == null || buffer[0].length != b * d) {
            buffer[0] = new float[b * d];
        }
        float[] data = buffer[0];
        int[] labels = new int[b];
        for (int j = 0; j < b; j++) {
            SampleSet set = parts.get(planned.parts()[j]).samples();
            set.copyFeatures(planned.samples()[j], data, j * d);
            labels[j] = set.label(planned.samples()[j]);
        }
        return new Batch(org.nd4j.linalg.factory.Nd4j.create(data, new long[] {b, d}, 'c'), labels,
                planned.role());
    }
}
