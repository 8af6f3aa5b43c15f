package org.lethe.ui.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lethe.ui.FxTestSupport.fx;

import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Every progress bar of the workbench gets the still skin from base.css: an indeterminate bar is
 * drawn once, full width, and does not move between frames (the default skin's animation made the
 * whole window repaint every frame); a determinate bar fills its share of the track.
 */
@ExtendWith(ApplicationExtension.class)
class StillProgressBarSkinTest {

    private ProgressBar bar;

    @Start
    void start(Stage stage) {
        bar = new ProgressBar(-1);
        bar.setPrefWidth(200);
        Scene scene = new Scene(new StackPane(bar), 300, 80);
        Themes.apply(scene, Themes.LIGHT);
        stage.setScene(scene);
        stage.show();
    }

    @Test
    void indeterminateBarsStandStillAtFullWidth() throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(fx(bar::getSkin)).isInstanceOf(StillProgressBarSkin.class);
        Node fill = fx(() -> bar.lookup(".bar"));
        Node track = fx(() -> bar.lookup(".track"));
        double[] first = fx(() -> new double[] {fill.getLayoutX(), fill.getTranslateX(), fill.getBoundsInParent().getWidth()});
        Thread.sleep(300);
        double[] later = fx(() -> new double[] {fill.getLayoutX(), fill.getTranslateX(), fill.getBoundsInParent().getWidth()});
        assertThat(later).containsExactly(first);
        assertThat(first[2]).isEqualTo(fx(() -> track.getBoundsInParent().getWidth()));
        assertThat(fx(() -> bar.getPseudoClassStates().toString())).contains("indeterminate");
    }

    @Test
    void determinateBarsFillTheirShare() throws Exception {
        fx(() -> {
            bar.setProgress(0.25);
            bar.applyCss();
            bar.layout();
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
        double fill = fx(() -> bar.lookup(".bar").getLayoutBounds().getWidth());
        double track = fx(() -> bar.lookup(".track").getLayoutBounds().getWidth());
        assertThat(fill).isCloseTo(track / 4, org.assertj.core.data.Offset.offset(1.0));
        assertThat(StillProgressBarSkin.barWidth(-1, 120)).isEqualTo(120);
        assertThat(StillProgressBarSkin.barWidth(2, 120)).isEqualTo(120);
        assertThat(StillProgressBarSkin.barWidth(0.5, 120)).isEqualTo(60);
    }
}
