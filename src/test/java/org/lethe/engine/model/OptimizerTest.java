package org.lethe.engine.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import org.junit.jupiter.api.Test;
import org.lethe.engine.model.optim.Adam;
import org.lethe.engine.model.optim.FlatVectors;
import org.lethe.engine.model.optim.LrSchedule;
import org.lethe.engine.model.optim.Optimizer;
import org.lethe.engine.model.optim.Sgd;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Optimizer semantics against values computed by hand (PyTorch's update rules). */
class OptimizerTest {

    private static INDArray vec(DataType t, double... v) {
        return Nd4j.createFromArray(v).castTo(t);
    }

    @Test
    void sgdWithMomentumAndWeightDecayFollowsTorch() {
        INDArray p = vec(DataType.DOUBLE, 1.0, -2.0);
        Sgd sgd = new Sgd(0.9, 0.1);
        sgd.step(p, vec(DataType.DOUBLE, 0.5, 0.25), 0.1);
        // d = g + wd*θ = (0.6, 0.05); buf = d; θ -= 0.1*buf
        assertThat(p.getDouble(0)).isCloseTo(0.94, offset(1e-15));
        assertThat(p.getDouble(1)).isCloseTo(-2.005, offset(1e-15));
        sgd.step(p, vec(DataType.DOUBLE, 0.5, 0.25), 0.1);
        // d = (0.5+0.094, 0.25-0.2005) ; buf = 0.9*buf + d
        double b0 = 0.9 * 0.6 + 0.594;
        double b1 = 0.9 * 0.05 + 0.0495;
        assertThat(p.getDouble(0)).isCloseTo(0.94 - 0.1 * b0, offset(1e-15));
        assertThat(p.getDouble(1)).isCloseTo(-2.005 - 0.1 * b1, offset(1e-15));
        assertThat(sgd.steps()).isEqualTo(2);
    }

    @Test
    void adamFirstAndSecondStepFollowTorch() {
        INDArray p = vec(DataType.DOUBLE, 1.0, -1.0);
        Adam adam = new Adam(0.01);
        adam.step(p, vec(DataType.DOUBLE, 0.2, -0.4), 0.001);
        // g' = g + 0.01θ = (0.21, -0.41); m = 0.1 g', v = 0.001 g'^2; mhat = g', vhat = g'^2 → step = lr*g'/(|g'|+eps)
        assertThat(p.getDouble(0)).isCloseTo(1.0 - 0.001 * 0.21 / (0.21 + 1e-8), offset(1e-15));
        assertThat(p.getDouble(1)).isCloseTo(-1.0 + 0.001 * 0.41 / (0.41 + 1e-8), offset(1e-15));
        double th = p.getDouble(0);
        double g1 = 0.21;
        double m1 = 0.1 * g1;
        double v1 = 0.001 * g1 * g1;
        adam.step(p, vec(DataType.DOUBLE, 0.1, 0.0), 0.001);
        double g2 = 0.1 + 0.01 * th;
        double m2 = 0.9 * m1 + 0.1 * g2;
        double v2 = 0.999 * v1 + 0.001 * g2 * g2;
        double expected = th - (0.001 / (1 - 0.81)) * m2 / (Math.sqrt(v2) / Math.sqrt(1 - 0.999 * 0.999) + 1e-8);
        assertThat(p.getDouble(0)).isCloseTo(expected, offset(1e-15));
    }

    @Test
    void maskedEntriesStayBitIdenticalAndKeepNoState() {
        for (Optimizer opt : new Optimizer[] {new Sgd(0.9, 0.05), new Adam(0.05)}) {
            INDArray p = Nd4j.rand(DataType.FLOAT, 1000).subi(0.5);
            INDArray mask = Nd4j.rand(DataType.FLOAT, 1000).gt(0.5).castTo(DataType.FLOAT);
            INDArray before = p.dup();
            for (int s = 0; s < 5; s++) {
                opt.step(p, Nd4j.rand(DataType.FLOAT, 1000), 0.1, mask);
            }
            int changedMasked = 0;
            int changedFree = 0;
            for (int i = 0; i < 1000; i++) {
                boolean same = Float.floatToRawIntBits(p.getFloat(i)) == Float.floatToRawIntBits(before.getFloat(i));
                if (mask.getFloat(i) == 0 && !same) {
                    changedMasked++;
                }
                if (mask.getFloat(i) != 0 && !same) {
                    changedFree++;
                }
            }
            assertThat(changedMasked).as(opt.getClass().getSimpleName()).isZero();
            assertThat(changedFree).isGreaterThan(400);
        }
        // momentum of a masked-out entry is not accumulated: unmasking later starts it from its own gradient
        Sgd sgd = new Sgd(0.9, 0);
        INDArray p = vec(DataType.DOUBLE, 0, 0);
        sgd.step(p, vec(DataType.DOUBLE, 1, 1), 1, vec(DataType.DOUBLE, 1, 0));
        sgd.step(p, vec(DataType.DOUBLE, 1, 1), 1, null);
        assertThat(p.getDouble(0)).isEqualTo(-1 - 1.9);
        assertThat(p.getDouble(1)).isEqualTo(-1);
    }

    @Test
    void floatParametersFollowTheDoubleUpdateToFloatPrecision() {
        for (int kind = 0; kind < 2; kind++) {
            Optimizer f = kind == 0 ? new Sgd(0.9, 0.01) : new Adam(0.01);
            Optimizer d = f.copy();
            INDArray pd = Nd4j.rand(DataType.DOUBLE, 500).subi(0.5);
            INDArray pf = pd.castTo(DataType.FLOAT);
            pd = pf.castTo(DataType.DOUBLE);
            for (int s = 0; s < 4; s++) {
                INDArray g = Nd4j.rand(DataType.DOUBLE, 500).subi(0.3);
                d.step(pd, g, 0.01);
                f.step(pf, g.castTo(DataType.FLOAT), 0.01);
            }
            assertThat(pf.dataType()).isEqualTo(DataType.FLOAT);
            assertThat(pf.castTo(DataType.DOUBLE).sub(pd).amaxNumber().doubleValue()).isLessThan(1e-6);
            assertThat(pf.castTo(DataType.DOUBLE).sub(pd).amaxNumber().doubleValue()).isLessThan(
                    pd.amaxNumber().doubleValue());
        }
    }

    @Test
    void copyCarriesStateAndResetForgetsIt() {
        Adam a = new Adam(0);
        INDArray p = vec(DataType.DOUBLE, 1, 2, 3);
        a.step(p, vec(DataType.DOUBLE, 1, -1, 0.5), 0.1);
        Optimizer b = a.copy();
        INDArray pa = p.dup();
        INDArray pb = p.dup();
        a.step(pa, vec(DataType.DOUBLE, 0.3, 0.3, 0.3), 0.1);
        b.step(pb, vec(DataType.DOUBLE, 0.3, 0.3, 0.3), 0.1);
        assertThat(pb).isEqualTo(pa);
        a.reset();
        assertThat(a.steps()).isZero();
        assertThatThrownBy(() -> a.step(p, vec(DataType.DOUBLE, 1, 2), 0.1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void flatVectorsRoundTripFloatAndViews() {
        INDArray f = Nd4j.createFromArray(1.5f, -2.25f, 3.0f);
        double[] d = FlatVectors.read(f);
        assertThat(d).containsExactly(1.5, -2.25, 3.0);
        FlatVectors.write(f, new double[] {4, 5, 6});
        assertThat(f.toFloatVector()).containsExactly(4f, 5f, 6f);
        INDArray big = Nd4j.createFromArray(1.0, 2.0, 3.0, 4.0);
        INDArray view = big.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(1, 3));
        assertThat(FlatVectors.read(view)).containsExactly(2.0, 3.0);
        FlatVectors.write(view, new double[] {7, 8});
        assertThat(big.toDoubleVector()).containsExactly(1.0, 7.0, 8.0, 4.0);
    }

    @Test
    void schedulesFollowTorchSemantics() {
        assertThat(new LrSchedule.Step(0.1, 3, 0.5).lr(5)).isEqualTo(0.05);
        assertThat(new LrSchedule.Step(0.1, 3, 0.5).lr(6)).isEqualTo(0.025);
        LrSchedule.MultiStep ms = new LrSchedule.MultiStep(1.0, new int[] {2, 4}, 0.1);
        assertThat(ms.lr(1)).isEqualTo(1.0);
        assertThat(ms.lr(2)).isCloseTo(0.1, offset(1e-15));
        assertThat(ms.lr(4)).isCloseTo(0.01, offset(1e-15));
        LrSchedule.Cosine c = new LrSchedule.Cosine(1.0, 10, 0.0);
        assertThat(c.lr(0)).isEqualTo(1.0);
        assertThat(c.lr(5)).isCloseTo(0.5, offset(1e-15));
        assertThat(c.lr(10)).isCloseTo(0.0, offset(1e-15));
        assertThat(c.lr(12)).isCloseTo(0.0, offset(1e-15));
        assertThatThrownBy(() -> LrSchedule.constant(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
