package org.lethe.engine.experiment.study;

import java.util.List;
import java.util.Locale;
import org.lethe.engine.LetheException;
import org.lethe.engine.model.Architecture;
import org.lethe.engine.unlearning.sisa.Aggregation;
import org.lethe.engine.unlearning.sisa.ShardingMode;

/**
 * The {@code settings} of a {@code sisa-shards} study: which setting to sweep, its values, and the
 * fixed values of all the others. Missing fields take the defaults named below.
 *
 * @param sweep the swept setting: {@code shards}, {@code model}, {@code sharding} or {@code requests}
 * @param values the swept values in table order: whole numbers for {@code shards} and
 *     {@code requests}, architecture ids ({@code logreg}, {@code mlp}, {@code lenet}, ...) for
 *     {@code model}, {@code random}, {@code kmeans} or {@code label} for {@code sharding}
 * @param shards shards S when not swept (default 5)
 * @param slices slices R per shard (default 1, as SISA's reference code)
 * @param model constituent architecture when not swept (default {@code mlp})
 * @param sharding sharding mode when not swept (default {@code random})
 * @param aggregation {@code vote} (majority vote of the constituents' labels) or {@code average}
 *     (mean class probability over the shards that own the class); default {@code vote}, which
 *     {@code label} sharding refuses
 * @param requests sequential single-point unlearning requests when not swept (default 5)
 * @param epochs epoch budget of one shard (default 5)
 * @param batchSize mini-batch size (default 32)
 * @param lr Adam learning rate (default 0.001)
 * @param testLimit evaluate on the first N test images only (default: all)
 */
public record SisaStudySettings(String sweep, List<String> values, Integer shards, Integer slices, String model,
        String sharding, String aggregation, Integer requests, Integer epochs, Integer batchSize, Double lr, Integer testLimit) {

    /** The settings a study can sweep. */
    public static final List<String> SWEEPS = List.of("shards", "model", "sharding", "requests");

    public SisaStudySettings {
        if (sweep == null || !SWEEPS.contains(sweep)) {
            throw new LetheException("sisa-shards: 'sweep' must be one of " + SWEEPS + ", was "
                    + (sweep == null ? "missing" : "'" + sweep + "'"));
        }
        if (values == null || values.isEmpty()) {
            throw new LetheException("sisa-shards: 'values' must list at least one " + sweep + " value");
        }
        values = List.copyOf(values);
        shards = shards == null ? 5 : shards;
        slices = slices == null ? 1 : slices;
        model = model == null ? "mlp" : model;
        sharding = sharding == null ? "random" : sharding;
        aggregation = aggregation == null ? "vote" : aggregation;
        requests = requests == null ? 5 : requests;
        epochs = epochs == null ? 5 : epochs;
        batchSize = batchSize == null ? 32 : batchSize;
        lr = lr == null ? 0.001 : lr;
        positive("shards", shards);
        positive("slices", slices);
        positive("requests", requests);
        positive("epochs", epochs);
        positive("batchSize", batchSize);
        if (testLimit != null) {
            positive("testLimit", testLimit);
        }
        if (!(lr > 0) || lr.isInfinite()) {
            throw new LetheException("sisa-shards: 'lr' must be a positive number, was " + lr);
        }
        architecture(model);
        shardingMode(sharding);
        aggregation(aggregation);
        boolean labelSharding = shardingMode(sharding) == ShardingMode.BY_LABEL
                || (sweep.equals("sharding") && values.stream().anyMatch(v -> shardingMode(v) == ShardingMode.BY_LABEL));
        if (labelSharding && aggregation(aggregation) == Aggregation.VOTE) {
            throw new LetheException("sisa-shards: label sharding needs \"aggregation\": \"average\": each shard's "
                    + "model has only seen its own classes and would always vote for one of them, so a majority vote "
                    + "counts shards, not evidence");
        }
        for (String v : values) {
            switch (sweep) {
                case "shards", "requests" -> positive("values' entry", wholeNumber(v));
                case "model" -> architecture(v);
                default -> shardingMode(v);
            }
        }
    }

    /** The architecture named {@code id}. */
    static Architecture architecture(String id) {
        try {
            return Architecture.fromId(id);
        } catch (RuntimeException e) {
            throw new LetheException("sisa-shards: unknown model '" + id + "': " + e.getMessage(), e);
        }
    }

    /** The sharding mode named {@code name}: random, kmeans or label. */
    static ShardingMode shardingMode(String name) {
        return switch (name == null ? "" : name.toLowerCase(Locale.ROOT)) {
            case "random" -> ShardingMode.RANDOM;
            case "kmeans", "k-means" -> ShardingMode.KMEANS;
            case "label", "by-label", "by_label" -> ShardingMode.BY_LABEL;
            default -> throw new LetheException("sisa-shards: sharding must be random, kmeans or label, was '"
                    + name + "'");
        };
    }

    /** The aggregation named {@code name}: vote or average. */
    static Aggregation aggregation(String name) {
        return switch (name == null ? "" : name.toLowerCase(Locale.ROOT)) {
            case "vote" -> Aggregation.VOTE;
            case "average", "mean", "mean_probability" -> Aggregation.MEAN_PROBABILITY;
            default -> throw new LetheException("sisa-shards: aggregation must be vote or average, was '"
                    + name + "'");
        };
    }

    /** A value of a {@code shards} or {@code requests} sweep as a number. */
    static int wholeNumber(String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException | NullPointerException e) {
            throw new LetheException("sisa-shards: 'values' must be whole numbers for this sweep, found '" + value + "'");
        }
    }

    private static void positive(String field, int value) {
        if (value < 1 || value > 1_000_000) {
            throw new LetheException("sisa-shards: '" + field + "' must be in [1, 1000000], was " + value);
        }
    }
}
