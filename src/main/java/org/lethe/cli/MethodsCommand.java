package org.lethe.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.lethe.engine.model.Architecture;
import org.lethe.engine.unlearning.MethodDescriptor;
import org.lethe.engine.unlearning.MethodRegistry;
import org.lethe.engine.unlearning.TrainingTimeMethod;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code lethe methods}: lists the unlearning methods with their parameters and defaults, then the
 * training-time methods (which need their own training run) with the command that runs each. In
 * JSON every entry carries {@code trainingTime}.
 */
@Command(name = "methods", mixinStandardHelpOptions = true,
        description = "List the unlearning methods, their parameters, defaults and valid ranges, "
                + "and the training-time methods with the command that runs each.")
final class MethodsCommand implements Callable<Integer> {

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    @SuppressWarnings("unchecked")
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<Map<String, Object>> list = new ArrayList<>();
        for (MethodDescriptor<?> m : MethodRegistry.standard().all()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("id", m.id());
            entry.put("name", m.displayName());
            entry.put("needs", m.needs().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
            entry.put("description", m.description());
            entry.put("trainingTime", false);
            List<Map<String, Object>> params = new ArrayList<>();
            for (MethodDescriptor.ParamInfo p : m.params()) {
                Map<String, Object> pm = new LinkedHashMap<>();
                pm.put("name", p.name());
                pm.put("type", p.type().getSimpleName());
                pm.put("default", p.defaultValue());
                pm.put("description", p.description());
                if (Double.isFinite(p.min())) {
                    pm.put("min", p.min());
                }
                if (Double.isFinite(p.max())) {
                    pm.put("max", p.max());
                }
                params.add(pm);
            }
            entry.put("params", params);
            list.add(entry);
        }
        List<Map<String, Object>> trainingTime = new ArrayList<>();
        for (TrainingTimeMethod m : MethodRegistry.trainingTime()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("id", m.id());
            entry.put("name", m.displayName());
            entry.put("description", m.description());
            entry.put("trainingTime", true);
            entry.put("command", m.command());
            entry.put("models", m.models().stream().map(Architecture::id).toList());
            trainingTime.add(entry);
        }
        if (json) {
            List<Map<String, Object>> all = new ArrayList<>(list);
            all.addAll(trainingTime);
            out.println(Json.write(all));
            return 0;
        }
        for (Map<String, Object> m : list) {
            out.printf("%-24s %s (%s)%n", m.get("id"), m.get("name"), m.get("needs"));
            for (Object o : (List<?>) m.get("params")) {
                Map<?, ?> p = (Map<?, ?>) o;
                out.printf("    %-18s %-8s default %-10s %s%n", p.get("name"), p.get("type"), p.get("default"),
                        p.get("description"));
            }
        }
        out.println();
        out.println("Training-time methods (need their own training run):");
        for (Map<String, Object> m : trainingTime) {
            out.printf("%-24s %s: %s (models: %s)%n", m.get("id"), m.get("name"), m.get("command"),
                    String.join(", ", (List<String>) m.get("models")));
        }
        return 0;
    }
}
