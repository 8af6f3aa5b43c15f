package org.lethe.bench;

import java.util.Locale;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.lethe.engine.data.ImageSplit;
import org.lethe.engine.model.*;
import org.lethe.engine.model.optim.Adam;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** MLP step time: MultiLayerNetwork (computeGradientAndScore + our Adam) vs our SameDiff network. */
public final class MlnProbe {
    public static void main(String[] a) {
        int hidden = a.length > 0 ? Integer.parseInt(a[0]) : 300;
        boolean logreg = hidden == 0;
        ImageSplit train = MnistTestData.train(6400);
        int[] idx = train.all("t").toArray();
        NeuralNetConfiguration.ListBuilder lb = new NeuralNetConfiguration.Builder().seed(1).weightInit(WeightInit.RELU)
            .dataType(DataType.FLOAT).list();
        if (!logreg) lb.layer(new DenseLayer.Builder().nIn(784).nOut(hidden).activation(Activation.RELU).build());
        lb.layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(logreg ? 784 : hidden).nOut(10).activation(Activation.SOFTMAX).build());
        MultiLayerNetwork mln = new MultiLayerNetwork(lb.build());
        mln.init();
        ModelSpec spec = logreg ? ModelSpec.logreg(train.shape(), 10) : ModelSpec.mlp(train.shape(), 10).withHiddenWidths(java.util.List.of(hidden));
        Network sdn = ModelFactory.build(spec);
        float[] buf = new float[64 * 784];
        for (int rep = 0; rep < 3; rep++) {
            Adam adam = new Adam(0);
            INDArray p = mln.params().dup();
            long t0 = System.nanoTime();
            for (int s = 0; s < 100; s++) {
                int f = s * 64;
                INDArray x = Features.of(train, idx, f, f + 64, buf);
                INDArray y = Targets.oneHot(Features.labels(train, idx, f, f + 64), 10, DataType.FLOAT);
                mln.setInput(x);
                mln.setLabels(y);
                mln.computeGradientAndScore();
                INDArray g = mln.getFlattenedGradients().dup().reshape(p.length());
                adam.step(p, g, 1e-3);
                mln.setParams(p);
            }
            long t1 = System.nanoTime();
            Adam adam2 = new Adam(0);
            INDArray p2 = sdn.params();
            for (int s = 0; s < 100; s++) {
                int f = s * 64;
                INDArray x = Features.of(train, idx, f, f + 64, buf);
                LossAndGradient lg = sdn.lossAndGradient(x, Features.labels(train, idx, f, f + 64));
                adam2.step(p2, lg.gradient(), 1e-3);
                sdn.setParams(p2);
            }
            long t2 = System.nanoTime();
            System.out.printf(Locale.ROOT, "hidden %d: MLN %.2f ms/step, SameDiff %.2f ms/step%n", hidden, (t1 - t0) / 1e8, (t2 - t1) / 1e8);
        }
    }
}
