package org.lethe.engine.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lethe.engine.data.ImageShape;
import org.lethe.engine.data.ImageSplit;
import org.lethe.engine.model.optim.LrSchedule;
import org.lethe.engine.model.optim.OptimizerConfig;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Building, parameter access, copies and specs. */
class NetworkTest {

    private static final ImageSplit DATA = MnistTestData.train(64);

    @Test
    void sameSpecBuildsBitIdenticalParametersAndSeedMatters() {
        for (ModelSpec spec : List.of(ModelSpec.mlp(DATA.shape(), 10), ModelSpec.lenet(), ModelSpec.cifarCnn(),
                ModelSpec.logreg(DATA.shape(), 10))) {
            INDArray a = ModelFactory.build(spec).params();
            INDArray b = ModelFactory.build(spec).params();
            assertThat(a).as(spec.architecture().id()).isEqualTo(b);
            assertThat(ModelFactory.build(spec.withSeed(7)).params()).isNotEqualTo(a);
        }
    }

    @Test
    void layoutMatchesArchitectures() {
        Network lenet = ModelFactory.build(ModelSpec.lenet());
        // conv 5*5*1*20+20, conv 5*5*20*50+50, dense 800*500+500, dense 500*10+10
        assertThat(lenet.numParams()).isEqualTo(520 + 25050 + 400500 + 5010);
        assertThat(lenet.paramLayout()).extracting(ParamBlock::name)
                .containsExactly("l0_W", "l0_b", "l1_W", "l1_b", "l2_W", "l2_b", "l3_W", "l3_b");
        assertThat(lenet.paramLayout().get(2).shape()).containsExactly(5, 5, 20, 50);
        assertThat(ModelFactory.build(ModelSpec.mlp(DATA.shape(), 10)).numParams()).isEqualTo(784 * 300 + 300 + 3010);
        assertThat(ModelFactory.build(ModelSpec.logreg(DATA.shape(), 10)).numParams()).isEqualTo(7850);
        // cifar: 3*3*3*32+32, 3*3*32*32+32, 3*3*32*64+64, 3*3*64*64+64, 2304*512+512, 5130
        assertThat(ModelFactory.build(ModelSpec.cifarCnn()).numParams())
                .isEqualTo(896 + 9248 + 18496 + 36928 + 1180160 + 5130);
        // initial scale: He for hidden layers, biases zero
        INDArray p = lenet.params();
        ParamBlock w = lenet.paramLayout().get(4);
        double std = p.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(w.offset(), w.end())).stdNumber().doubleValue();
        assertThat(std).isBetween(Math.sqrt(2.0 / 800) * 0.95, Math.sqrt(2.0 / 800) * 1.05);
        ParamBlock b = lenet.paramLayout().get(5);
        assertThat(p.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(b.offset(), b.end())).sumNumber().doubleValue())
                .isZero();
    }

    @Test
    void paramsAreCopiesAndSetParamsRoundTrips() {
        Network net = ModelFactory.build(ModelSpec.lenet());
        INDArray p = net.params();
        p.addi(1.0);
        assertThat(net.params()).isNotEqualTo(p);
        net.setParams(p);
        assertThat(net.params()).isEqualTo(p);
        INDArray x = Features.of(DATA, DATA.all("a").toArray(), 0, 8, null);
        INDArray z = net.logits(x);
        net.setParams(p.reshape(1, p.length()).castTo(DataType.DOUBLE));
        assertThat(net.logits(x)).isEqualTo(z);
        assertThatThrownBy(() -> net.setParams(Nd4j.zeros(DataType.FLOAT, 3)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3 values");
    }

    @Test
    void copyIsDeepAndIndependent() {
        Network net = ModelFactory.build(ModelSpec.mlp(DATA.shape(), 10));
        Network copy = net.copy();
        assertThat(copy.params()).isEqualTo(net.params());
        INDArray x = Features.of(DATA, DATA.all("a").toArray(), 0, 16, null);
        int[] y = Features.labels(DATA, DATA.all("a").toArray(), 0, 16);
        INDArray original = net.params();
        copy.setParams(copy.params().sub(copy.lossAndGradient(x, y).gradient()));
        assertThat(net.params()).isEqualTo(original);
        assertThat(copy.params()).isNotEqualTo(original);
    }

    @Test
    void probabilitiesAndPerSampleLossAgreeWithLogits() {
        Network net = ModelFactory.build(ModelSpec.lenet());
        int[] idx = DATA.all("a").toArray();
        INDArray x = Features.of(DATA, idx, 0, 20, null);
        int[] y = Features.labels(DATA, idx, 0, 20);
        INDArray prob = net.probabilities(x);
        assertThat(prob.sum(1).sub(1.0).amaxNumber().doubleValue()).isLessThan(1e-5);
        double[] loss = net.perSampleLoss(x, y);
        double mean = 0;
        for (int i = 0; i < 20; i++) {
            assertThat(loss[i]).isCloseTo(-Math.log(prob.getDouble(i, y[i])), org.assertj.core.data.Offset.offset(1e-4));
            mean += loss[i] / 20;
        }
        assertThat(net.lossAndGradient(x, y).loss()).isCloseTo(mean, org.assertj.core.data.Offset.offset(1e-5));
        // image-shaped input gives the same logits
        assertThat(net.logits(x.reshape(20, 1, 28, 28))).isEqualTo(net.logits(x));
        assertThatThrownBy(() -> net.logits(Nd4j.zeros(DataType.FLOAT, 2, 100)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[2, 100]");
    }

    @Test
    void specAndConfigRoundTripThroughJson() throws Exception {
        ObjectMapper json = new ObjectMapper();
        ModelSpec spec = ModelSpec.mlp(new ImageShape(1, 28, 28), 10).withHiddenWidths(List.of(128, 64))
                .withPrecision(Precision.DOUBLE).withSeed(9);
        String s = json.writeValueAsString(spec);
        assertThat(s).contains("\"architecture\":\"mlp\"");
        assertThat(json.readValue(s, ModelSpec.class)).isEqualTo(spec);
        ModelSpec minimal = json.readValue("{\"architecture\":\"lenet\",\"input\":{\"channels\":1,\"height\":28,"
                + "\"width\":28},\"numClasses\":10}", ModelSpec.class);
        assertThat(minimal.hiddenWidths()).containsExactly(500);
        assertThat(minimal.precision()).isEqualTo(Precision.FLOAT);
        TrainingConfig cfg = new TrainingConfig(3, 32, OptimizerConfig.sgd(0.9, 5e-4),
                new LrSchedule.MultiStep(0.1, new int[] {1, 2}, 0.1), 5);
        assertThat(json.readValue(json.writeValueAsString(cfg), TrainingConfig.class)).isEqualTo(cfg);
        assertThatThrownBy(() -> json.readValue("{\"architecture\":\"vgg\"}", ModelSpec.class))
                .hasMessageContaining("unknown architecture 'vgg'");
        assertThatThrownBy(() -> ModelSpec.lenet(new ImageShape(1, 8, 8), 10))
                .isInstanceOf(ModelSpecException.class).hasMessageContaining("at least 16x16");
    }
}
