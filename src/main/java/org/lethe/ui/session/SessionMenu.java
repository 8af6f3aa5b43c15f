package org.lethe.ui.session;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import javafx.collections.ListChangeListener;
import javafx.scene.Scene;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.stage.WindowEvent;
import org.lethe.ui.common.DialogService;
import org.lethe.ui.main.MainViewModel;
import org.lethe.ui.main.MainWindowController;
import org.lethe.ui.common.Strings;

/**
 * Puts the session actions into the File menu (New, Open, Open recent, Save, Save as, and an
 * Export submenu other screens add to), keeps the window title in step with the current file, and
 * autosaves on a timer and when the window closes. Holds no state beyond its view model.
 */
public final class SessionMenu {

    /** Id of the File menu's Export submenu; screens add their export items to it. */
    public static final String EXPORT_MENU_ID = "exportMenu";
    private static final String TITLE = Strings.text("app.title");
    private static final FileChooser.ExtensionFilter FILTER = new FileChooser.ExtensionFilter(Strings.text("session.files"),
            "*" + org.lethe.engine.session.SessionStore.EXTENSION);

    private final SessionViewModel session;
    private final DialogService dialogs;
    private final Menu recentMenu = new Menu(Strings.text("session.openRecent"));
    private Window window;

    private SessionMenu(SessionViewModel session, DialogService dialogs) {
        this.session = session;
        this.dialogs = dialogs;
    }

    /** Installs the session menu items of the main window and starts autosaving. */
    public static void install(MainWindowController controller, MainViewModel viewModel, DialogService dialogs) {
        SessionViewModel session = viewModel.session();
        session.setOnFailure(failed -> dialogs.showError(failed.title() + " failed", failed.error()));
        SessionMenu menu = new SessionMenu(session, dialogs);
        menu.fill(controller.fileMenu());
        session.messageProperty().addListener((obs, old, text) -> viewModel.setStatus(text));
        controller.sceneProperty().addListener((obs, old, scene) -> menu.attach(scene));
        if (controller.sceneProperty().get() != null) {
            menu.attach(controller.sceneProperty().get());
        }
        Duration every = SessionViewModel.configuredInterval();
        if (!every.isZero()) {
            session.startAutosave(every);
        }
    }

    private void fill(Menu file) {
        MenuItem newItem = item(Strings.text("session.new"), "newSessionItem", new KeyCodeCombination(KeyCode.N,
                KeyCombination.SHORTCUT_DOWN), this::newSession);
        MenuItem openItem = item(Strings.text("session.open"), "openSessionItem", new KeyCodeCombination(KeyCode.O,
                KeyCombination.SHORTCUT_DOWN), this::chooseAndOpen);
        recentMenu.setId("recentMenu");
        MenuItem saveItem = item(Strings.text("session.save"), "saveSessionItem", new KeyCodeCombination(KeyCode.S,
                KeyCombination.SHORTCUT_DOWN), this::save);
        MenuItem saveAsItem = item(Strings.text("session.saveAs"), "saveSessionAsItem", new KeyCodeCombination(KeyCode.S,
                KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN), this::saveAs);
        file.getItems().addAll(0, List.of(newItem, openItem, recentMenu, saveItem, saveAsItem,
                new SeparatorMenuItem()));
        Menu export = new Menu(Strings.text("session.export"));
        export.setId(EXPORT_MENU_ID);
        int quit = file.getItems().size() - 1;
        file.getItems().addAll(quit, List.of(export, new SeparatorMenuItem()));
        session.recent().addListener((ListChangeListener<Path>) c -> fillRecent());
        fillRecent();
    }

    private static MenuItem item(String text, String id, KeyCombination key, Runnable action) {
        MenuItem item = new MenuItem(text);
        item.setId(id);
        item.setAccelerator(key);
        item.setOnAction(e -> action.run());
        return item;
    }

    private void fillRecent() {
        recentMenu.getItems().clear();
        for (Path p : session.recent()) {
            MenuItem item = new MenuItem(p.getFileName() + "  \u2013  " + p.getParent());
            item.setMnemonicParsing(false);
            item.setOnAction(e -> open(p));
            recentMenu.getItems().add(item);
        }
        Path autosave = session.autosaveFile();
        if (autosave.toFile().isFile()) {
            if (!recentMenu.getItems().isEmpty()) {
                recentMenu.getItems().add(new SeparatorMenuItem());
            }
            String when = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT)
                    .withZone(ZoneId.systemDefault()).format(java.time.Instant.ofEpochMilli(autosave.toFile()
                            .lastModified()));
            MenuItem item = new MenuItem(Strings.format("session.restoreAutosave", when));
            item.setId("restoreAutosaveItem");
            item.setOnAction(e -> open(autosave));
            recentMenu.getItems().add(item);
        }
        if (recentMenu.getItems().isEmpty()) {
            MenuItem none = new MenuItem(Strings.text("session.noRecent"));
            none.setDisable(true);
            recentMenu.getItems().add(none);
        }
    }

    private void attach(Scene scene) {
        if (scene == null) {
            return;
        }
        scene.windowProperty().addListener((obs, old, w) -> attach(scene, w));
        attach(scene, scene.getWindow());
    }

    private void attach(Scene scene, Window w) {
        if (w == null || w == window) {
            return;
        }
        window = w;
        w.addEventHandler(WindowEvent.WINDOW_HIDING, e -> {
            if (w.getScene() != scene) {
                return; // the window shows another scene by now (tests reuse one stage)
            }
            if (session.autosaveNow()) {
                org.slf4j.LoggerFactory.getLogger(SessionMenu.class).info("autosaved to {}", session.autosaveFile());
            }
            session.close();
        });
        w.addEventHandler(WindowEvent.WINDOW_SHOWING, e -> fillRecent());
        if (w instanceof Stage stage) {
            Runnable title = () -> {
                if (stage.getScene() != scene) {
                    return;
                }
                Path file = session.currentFileProperty().get();
                stage.setTitle(file == null ? TITLE : Strings.format("session.windowTitle",
                        session.dirtyProperty().get() ? "*" : "", file.getFileName()));
            };
            session.currentFileProperty().addListener((obs, old, now) -> title.run());
            session.dirtyProperty().addListener((obs, old, now) -> title.run());
        }
    }

    private boolean discardChanges() {
        return !session.dirtyProperty().get() || !session.hasContent()
                || dialogs.confirm(Strings.text("session.discard"),
                        Strings.text("session.discard.detail"), Strings.text("session.discard.yes"));
    }

    private void newSession() {
        if (session.hasContent() && session.dirtyProperty().get()) {
            session.autosave();
        }
        if (discardChanges()) {
            session.newSession();
        }
    }

    private void chooseAndOpen() {
        FileChooser chooser = chooser(Strings.text("session.openTitle"));
        File file = chooser.showOpenDialog(window);
        if (file != null) {
            open(file.toPath());
        }
    }

    private void open(Path file) {
        if (discardChanges()) {
            session.open(file);
        }
    }

    private void save() {
        Path current = session.currentFileProperty().get();
        if (current == null) {
            saveAs();
            return;
        }
        if (session.needsOverwriteConfirmation(current) && !dialogs.confirm(Strings.format("session.replace", current.getFileName()),
                Strings.format("session.replace.changed", current), Strings.text("session.replace.yes"))) {
            return;
        }
        run(Strings.text("session.saveFailed"), () -> session.save(current));
    }

    private void saveAs() {
        FileChooser chooser = chooser(Strings.text("session.saveAsTitle"));
        Path current = session.currentFileProperty().get();
        chooser.setInitialFileName(current == null ? "session" + org.lethe.engine.session.SessionStore.EXTENSION
                : current.getFileName().toString());
        File file = chooser.showSaveDialog(window);
        if (file != null) {
            Path target = file.toPath();
            if (!target.getFileName().toString().endsWith(org.lethe.engine.session.SessionStore.EXTENSION)) {
                target = target.resolveSibling(target.getFileName() + org.lethe.engine.session.SessionStore.EXTENSION);
            }
            Path chosen = target;
            if (!chosen.equals(file.toPath()) && session.needsOverwriteConfirmation(chosen)
                    && !dialogs.confirm(Strings.format("session.replace", chosen.getFileName()),
                            Strings.format("session.replace.exists", chosen), Strings.text("session.replace.yes"))) {
                return;
            }
            run(Strings.text("session.saveFailed"), () -> session.save(chosen));
        }
    }

    private FileChooser chooser(String title) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.getExtensionFilters().add(FILTER);
        Path current = session.currentFileProperty().get();
        File dir = current != null ? current.getParent().toFile() : new File(System.getProperty("user.home"));
        if (dir.isDirectory()) {
            chooser.setInitialDirectory(dir);
        }
        return chooser;
    }

    private void run(String what, Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            dialogs.showError(what, e);
        }
    }
}
