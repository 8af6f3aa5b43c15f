package org.lethe.engine.attack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.lethe.engine.data.IndexView;
import org.lethe.engine.model.Features;
import org.lethe.engine.model.Network;
import org.lethe.engine.unlearning.UnlearningFixture;
import org.nd4j.linalg.api.ndarray.INDArray;

class FgsmTest {

    private final Network model = UnlearningFixture.original().network();
    private final IndexView view = UnlearningFixture.forgetClass3().forget();
    private final int[] indices = view.toArray();
    private final INDArray x = Features.of(view.split(), indices, 0, 64, null);
    private final int[] y = Features.labels(view.split(), indices, 0, 64);

    @Test
    void perturbationStaysInTheBallOnTheGridAndInRange() {
        for (double bound : new double[] {0.1, 0.03, 1.0 / 255, 0.5}) {
            INDArray adv = Fgsm.perturb(model, x, y, bound);
            assertThat(adv.shape()).isEqualTo(x.shape());
            assertThat(adv.dataType()).isEqualTo(x.dataType());
            float[] a = adv.reshape('c', new long[] {adv.length()}).toFloatVector();
            float[] c = x.reshape('c', new long[] {x.length()}).toFloatVector();
            double maxDelta = 0;
            int changed = 0;
            for (int i = 0; i < a.length; i++) {
                assertThat(a[i]).isBetween(0f, 1f);
                double grey = a[i] * 255.0;
                assertThat(Math.abs(grey - Math.rint(grey))).as("value %s on the 1/255 grid", a[i]).isLessThan(1e-3);
                maxDelta = Math.max(maxDelta, Math.abs(a[i] - c[i]));
                changed += a[i] != c[i] ? 1 : 0;
            }
            assertThat(maxDelta).isLessThanOrEqualTo(bound + 1e-6);
            // on-grid inputs move by a whole number of grey levels up to floor(255 * bound)
            assertThat(maxDelta).isGreaterThanOrEqualTo(Math.floor(255 * bound + 1e-9) / 255 - 1e-6);
            assertThat(changed).isGreaterThan(a.length / 10);
        }
    }

    @Test
    void theStepRaisesTheLossAndLeavesTheModelAlone() {
        INDArray before = model.params();
        INDArray adv = Fgsm.perturb(model, x, y, 0.1);
        double clean = mean(model.perSampleLoss(x, y));
        double attacked = mean(model.perSampleLoss(adv, y));
        assertThat(attacked).isGreaterThan(clean + 0.5);
        assertThat(model.params()).isEqualTo(before);
    }

    @Test
    void snappingNeverLeavesTheBall() {
        // 0.1 = 25.5 grey levels: plain rounding would give 26 levels (0.102)
        assertThat(Fgsm.step(100 / 255.0, 1, 0.1)).isCloseTo(125 / 255.0, within(1e-12));
        assertThat(Fgsm.step(100 / 255.0, -1, 0.1)).isCloseTo(75 / 255.0, within(1e-12));
        assertThat(Fgsm.step(250 / 255.0, 1, 0.1)).isCloseTo(1.0, within(1e-12));
        assertThat(Fgsm.step(3 / 255.0, -1, 0.1)).isCloseTo(0.0, within(1e-12));
        assertThat(Fgsm.step(0.5, 0, 0.1)).isCloseTo(Math.round(0.5 * 255) / 255.0, within(1e-12));
    }

    @Test
    void rejectsBadBoundsAndMismatchedLabels() {
        assertThatThrownBy(() -> Fgsm.perturb(model, x, y, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bound");
        assertThatThrownBy(() -> Fgsm.perturb(model, x, y, 1.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Fgsm.perturb(model, x, new int[3], 0.1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("3 labels");
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double d : v) {
            s += d;
        }
        return s / v.length;
    }
}
