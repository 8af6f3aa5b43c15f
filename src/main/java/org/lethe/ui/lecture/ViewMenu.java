package org.lethe.ui.lecture;

import java.util.List;
import java.util.Locale;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.ToggleGroup;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.stage.Stage;
import org.lethe.ui.common.DisplaySettings;
import org.lethe.ui.common.Themes;
import org.lethe.ui.main.MainWindowController;
import org.lethe.ui.main.MainWindowController.Screen;
import org.lethe.ui.common.Strings;

/**
 * Fills the View menu: the three themes, the presenter view (Ctrl+Shift+P), text size (Ctrl+= / Ctrl+- /
 * Ctrl+0), full screen (F11) and one shortcut per screen (Ctrl+1 to Ctrl+5).
 */
final class ViewMenu {

    /** How much one "larger text" step scales. */
    static final double STEP = 1.15;

    private ViewMenu() {
    }

    static void fill(MainWindowController controller, DisplaySettings display) {
        Menu menu = controller.viewMenu();
        ToggleGroup themes = new ToggleGroup();
        for (String theme : Themes.all()) {
            RadioMenuItem item = new RadioMenuItem(theme.substring(0, 1).toUpperCase(Locale.ROOT) + theme.substring(1)
                    + " theme");
            item.setId("theme-" + theme);
            item.setToggleGroup(themes);
            item.setSelected(theme.equals(display.themeProperty().get()));
            item.setOnAction(e -> display.themeProperty().set(theme));
            display.themeProperty().addListener((obs, old, now) -> item.setSelected(theme.equals(now)));
            menu.getItems().add(item);
        }
        menu.getItems().add(new SeparatorMenuItem());

        CheckMenuItem presenter = new CheckMenuItem(Strings.text("lecture.presenterView"));
        presenter.setId("presenterItem");
        presenter.setAccelerator(new KeyCodeCombination(KeyCode.P, KeyCombination.SHORTCUT_DOWN,
                KeyCombination.SHIFT_DOWN));
        presenter.selectedProperty().bindBidirectional(display.presenterProperty());

        MenuItem larger = item("_Larger text", "largerTextItem",
                new KeyCodeCombination(KeyCode.EQUALS, KeyCombination.SHORTCUT_DOWN),
                () -> display.uiScaleProperty().set(display.uiScaleProperty().get() * STEP));
        MenuItem smaller = item("S_maller text", "smallerTextItem",
                new KeyCodeCombination(KeyCode.MINUS, KeyCombination.SHORTCUT_DOWN),
                () -> display.uiScaleProperty().set(display.uiScaleProperty().get() / STEP));
        MenuItem normal = item("_Normal text size", "normalTextItem",
                new KeyCodeCombination(KeyCode.DIGIT0, KeyCombination.SHORTCUT_DOWN),
                () -> display.uiScaleProperty().set(1));
        MenuItem fullScreen = item("_Full screen", "fullScreenItem", new KeyCodeCombination(KeyCode.F11), () -> {
            if (controller.sceneProperty().get() != null
                    && controller.sceneProperty().get().getWindow() instanceof Stage stage) {
                stage.setFullScreen(!stage.isFullScreen());
            }
        });
        menu.getItems().addAll(presenter, larger, smaller, normal, fullScreen, new SeparatorMenuItem());

        List<String> names = List.of("_Data & forget set", "_Train", "_Unlearn", "_Compare", "_History");
        Screen[] screens = Screen.values();
        KeyCode[] digits = {KeyCode.DIGIT1, KeyCode.DIGIT2, KeyCode.DIGIT3, KeyCode.DIGIT4, KeyCode.DIGIT5};
        for (int i = 0; i < screens.length && i < digits.length; i++) {
            Screen screen = screens[i];
            menu.getItems().add(item("Go to " + names.get(i), "goto-" + screen.name().toLowerCase(Locale.ROOT),
                    new KeyCodeCombination(digits[i], KeyCombination.SHORTCUT_DOWN), () -> controller.show(screen)));
        }
    }

    private static MenuItem item(String text, String id, KeyCombination key, Runnable action) {
        MenuItem item = new MenuItem(text);
        item.setId(id);
        item.setAccelerator(key);
        item.setOnAction(e -> action.run());
        return item;
    }
}
