package org.lethe.cli;

import org.lethe.engine.data.DatasetCatalog;
import org.lethe.engine.data.ImageDataset;
import org.lethe.engine.job.JobContext;
import picocli.CommandLine.Option;

/** The dataset options shared by the commands that train: which dataset, and how much of it. */
final class DataOptions {

    @Option(names = "--dataset", defaultValue = "mnist",
            description = "mnist, fashion-mnist, cifar10 or a path (default: ${DEFAULT-VALUE}).")
    String dataset;

    @Option(names = "--train-limit", description = "Use only the first N training images.")
    Integer trainLimit;

    /** Loads the dataset, cut to the training limit. */
    ImageDataset load() {
        ImageDataset data = DatasetCatalog.fromEnvironment().load(dataset, JobContext.detached());
        return trainLimit == null ? data : data.limitTrain(trainLimit);
    }
}
