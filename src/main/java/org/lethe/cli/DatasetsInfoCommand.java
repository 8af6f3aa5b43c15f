package org.lethe.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.lethe.engine.data.DatasetCatalog;
import org.lethe.engine.data.DatasetSummary;
import org.lethe.engine.data.ImageDataset;
import org.lethe.engine.job.JobContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code lethe datasets info <mnist|fashion-mnist|cifar10|PATH> [--json]}. */
@Command(name = "info",
        mixinStandardHelpOptions = true,
        description = "Print a dataset's classes, shape, per-class counts and content hash.")
final class DatasetsInfoCommand implements Callable<Integer> {

    @Parameters(paramLabel = "DATASET",
            description = "mnist, fashion-mnist, cifar10, or a path (IDX folder, CIFAR-10 folder or "
                    + ".tar.gz, image folder)")
    String dataset;

    @Option(names = "--json", description = "Print JSON instead of text.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        ImageDataset data = DatasetCatalog.fromEnvironment().load(dataset, JobContext.detached());
        DatasetSummary summary = DatasetSummary.of(data);
        PrintWriter out = spec.commandLine().getOut();
        out.println(json ? Json.write(summary) : text(summary));
        return 0;
    }

    private static String text(DatasetSummary s) {
        StringBuilder b = new StringBuilder();
        b.append(s.name()).append(" (").append(s.format()).append("), images ")
                .append(s.shape().get(0)).append('x').append(s.shape().get(1)).append('x')
                .append(s.shape().get(2)).append('\n');
        b.append(String.format("  %-20s %8s %8s%n", "class", "train", "test"));
        for (int c = 0; c < s.classes().size(); c++) {
            b.append(String.format("  %-20s %8d %8d%n", c + " " + s.classes().get(c),
                    s.train().perClass().get(c), s.test().perClass().get(c)));
        }
        b.append(String.format("  %-20s %8d %8d%n", "total", s.train().count(), s.test().count()));
        b.append("  sha256 ").append(s.sha256());
        return b.toString();
    }
}
