package org.lethe.ui.lecture;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.stage.FileChooser;
import org.lethe.engine.LetheException;
import org.lethe.engine.experiment.Scenario;
import org.lethe.engine.experiment.ScenarioFiles;
import org.lethe.engine.experiment.study.Studies;
import org.lethe.engine.experiment.study.StudyFiles;
import org.lethe.ui.common.DialogService;
import org.lethe.ui.common.Strings;

/**
 * Fills the Scenarios menu: the demo, every scenario file in {@code <sample-data>/scenarios}
 * (read again each time the menu opens), and "Open scenario file…". Picking one starts it.
 */
final class ScenarioMenu {

    private ScenarioMenu() {
    }

    static void fill(Menu menu, Path folder, DialogService dialogs, Runnable demo, Consumer<PresetPlan> start,
            Consumer<Path> study) {
        Runnable refresh = () -> {
            MenuItem demoItem = new MenuItem(Strings.text("lecture.startDemo"));
            demoItem.setId("demoItem");
            demoItem.setOnAction(e -> demo.run());
            menu.getItems().setAll(demoItem, new SeparatorMenuItem());
            for (Path file : files(folder)) {
                MenuItem item;
                try {
                    if (isStudy(file)) {
                        item = studyItem(file, dialogs, study);
                        menu.getItems().add(item);
                        continue;
                    }
                    Scenario s = ScenarioFiles.read(file);
                    item = new MenuItem(s.name() + "  (" + s.dataset() + ", " + s.model().architecture() + ", "
                            + s.forget() + ", " + (s.methods().size() + 1) + " methods)");
                    item.setOnAction(e -> run(dialogs, () -> start.accept(PresetPlan.of(s))));
                } catch (LetheException e) {
                    item = new MenuItem(Strings.format("lecture.unreadable", file.getFileName()));
                    item.setOnAction(ev -> dialogs.showError(Strings.text("lecture.readFailed"), e));
                }
                item.setMnemonicParsing(false);
                item.setId("scenario-" + file.getFileName().toString().replace(".json", ""));
                menu.getItems().add(item);
            }
            MenuItem open = new MenuItem(Strings.text("lecture.openScenario"));
            open.setId("openScenarioItem");
            open.setOnAction(e -> {
                FileChooser chooser = new FileChooser();
                chooser.setTitle(Strings.text("lecture.openScenarioTitle"));
                chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(Strings.text("lecture.scenarioFiles"), "*.json"));
                if (Files.isDirectory(folder)) {
                    chooser.setInitialDirectory(folder.toFile());
                }
                File file = chooser.showOpenDialog(menu.getParentPopup() == null ? null
                        : menu.getParentPopup().getOwnerWindow());
                if (file != null) {
                    run(dialogs, () -> {
                        if (isStudy(file.toPath())) {
                            study.accept(file.toPath());
                        } else {
                            start.accept(PresetPlan.of(ScenarioFiles.read(file.toPath())));
                        }
                    });
                }
            });
            menu.getItems().addAll(new SeparatorMenuItem(), open);
        };
        refresh.run();
        menu.setOnShowing(e -> refresh.run());
    }

    /** A study (SISA, DeltaGrad, ... sweep): runs as one job and writes a report folder. */
    private static MenuItem studyItem(Path file, DialogService dialogs, Consumer<Path> study) {
        String kind = StudyFiles.kindOf(file);
        MenuItem item = new MenuItem(Strings.format("lecture.studyItem", file.getFileName().toString()
                .replace(".json", ""), kind));
        item.setMnemonicParsing(false);
        item.setId("scenario-" + file.getFileName().toString().replace(".json", ""));
        item.setOnAction(e -> run(dialogs, () -> study.accept(file)));
        return item;
    }

    private static boolean isStudy(Path file) {
        try {
            return !Studies.UNLEARNING.equals(StudyFiles.kindOf(file));
        } catch (LetheException e) {
            return false; // listed as unreadable below
        }
    }

    /** The scenario files in {@code folder}, by name. */
    static List<Path> files(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static void run(DialogService dialogs, Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            dialogs.showError(Strings.text("lecture.startFailed"), e);
        }
    }
}
