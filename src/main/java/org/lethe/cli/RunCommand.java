package org.lethe.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.lethe.engine.data.DatasetCatalog;
import org.lethe.engine.experiment.ReportFiles;
import org.lethe.engine.experiment.Scenario;
import org.lethe.engine.experiment.ScenarioFiles;
import org.lethe.engine.experiment.ScenarioReport;
import org.lethe.engine.experiment.ScenarioRunner;
import org.lethe.engine.job.CancellationToken;
import org.lethe.engine.job.JobContext;
import org.lethe.engine.unlearning.MethodRegistry;
import org.lethe.viz.ChartStyle;
import org.lethe.viz.report.ReportExport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code lethe run SCENARIO.json --out DIR}: runs a scenario and writes its report. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run a scenario (train, retrain, every method per seed) and write its report.")
final class RunCommand implements Callable<Integer> {

    @Parameters(paramLabel = "SCENARIO", description = "Scenario file (JSON), e.g. sample-data/scenarios/mnist-random10.json.")
    Path scenarioFile;

    @Option(names = "--out", required = true, description = "Folder for report.json, report.csv, charts.")
    Path out;

    @Mixin
    EngineOptions engine;

    @Option(names = "--json", description = "Also print report.json to stdout.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        Scenario scenario = ScenarioFiles.read(scenarioFile);
        engine.apply();
        JobContext ctx = new JobContext(new StderrProgress(spec.commandLine().getErr(), false), new CancellationToken());
        ScenarioRunner.Result result = new ScenarioRunner(MethodRegistry.standard(), DatasetCatalog.fromEnvironment())
                .run(scenario, ctx);
        Files.createDirectories(out);
        ScenarioReport report = result.report();
        ReportExport.write(result, out, ChartStyle.standard());
        if (json) {
            stdout.println(ReportFiles.toJson(report));
            return 0;
        }
        stdout.printf(Locale.ROOT, "%s: %s, forget %s, seeds %s -> %s%n", report.scenario(), report.dataset(),
                report.forget(), report.seeds(), out);
        stdout.printf("  %-22s %8s %8s %8s %8s %8s %9s%n", "model", "forget", "retain", "test", "MIA AUC", "gap",
                "seconds");
        stdout.printf(Locale.ROOT, "  %-22s %7.2f%% %7.2f%% %7.2f%% %7.2f%% %8s %9s%n", "original",
                report.original().forgetAccuracy(), report.original().retainAccuracy(),
                report.original().testAccuracy(), report.original().miaAuc(), "", "");
        stdout.printf(Locale.ROOT, "  %-22s %7.2f%% %7.2f%% %7.2f%% %7.2f%% %8s %9.1f%n", "retrained",
                report.retrained().forgetAccuracy(), report.retrained().retainAccuracy(),
                report.retrained().testAccuracy(), report.retrained().miaAuc(), "0", report.retrainSeconds());
        for (ScenarioReport.MethodSummary m : report.methods()) {
            var u = m.models().get("unlearned");
            stdout.printf(Locale.ROOT, "  %-22s %7.2f%% %7.2f%% %7.2f%% %7.2f%% %8.2f %9.1f%s%n", m.label(),
                    u.forgetAccuracy(), u.retainAccuracy(), u.testAccuracy(), u.miaAuc(), m.avgGap().mean(),
                    m.seconds(), m.warnings().isEmpty() ? "" : "  ! " + String.join("; ", m.warnings()));
        }
        return 0;
    }
}
