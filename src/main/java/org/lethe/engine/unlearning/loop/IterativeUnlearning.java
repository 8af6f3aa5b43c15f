package org.lethe.engine.unlearning.loop;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import org.lethe.engine.job.JobContext;
import org.lethe.engine.model.ModelProvenance;
import org.lethe.engine.model.Network;
import org.lethe.engine.model.TrainedModel;
import org.lethe.engine.model.optim.Optimizer;
import org.lethe.engine.unlearning.DataSplits;
import org.lethe.engine.unlearning.MemoryProbe;
import org.lethe.engine.unlearning.UnlearningMethod;
import org.lethe.engine.unlearning.UnlearningResult;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The loop shared by iterative methods (template method). It copies the original network, runs
 * {@code epochs} passes over the batches a method plans, asks the method for each step's gradient,
 * applies it through the optimizer (honouring an update mask), and reports progress, cancellation,
 * time and memory. A method supplies only {@link #settings}, {@link #plan} and, when it differs
 * from plain cross-entropy, {@link #gradient}; {@link #prepare} runs once before the first epoch.
 *
 * @param <P> the method's parameter record
 */
public abstract class IterativeUnlearning<P extends Record> implements UnlearningMethod<P> {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The method's registry id, recorded in the result. */
    protected abstract String id();

    /** Epochs, batch size, optimizer, schedule and seed for these parameters. */
    protected abstract LoopSettings settings(P params);

    /**
     * The network the loop trains, built before {@link #prepare}. The default is a copy of the
     * original's; a method may start elsewhere (a fresh or smaller student), as long as it never
     * changes the original.
     */
    protected Network startNetwork(TrainedModel original, P params) {
        return original.copyNetwork();
    }

    /** Work before the first epoch (a saliency mask, an adversarial set ...). */
    protected void prepare(LoopState state, P params, JobContext ctx) {
    }

    /** The batches of one epoch. */
    protected abstract EpochPlan plan(LoopState state, P params);

    /**
     * The gradient for one step (the optimizer descends along it). The default is the gradient of
     * the mean cross-entropy towards the batch's labels.
     */
    protected INDArray gradient(LoopState state, Batch batch, P params) {
        return state.network().lossAndGradient(batch.features(), batch.labels()).gradient();
    }

    @Override
    public final UnlearningResult unlearn(TrainedModel original, DataSplits splits, P params, JobContext ctx) {
        long start = System.nanoTime();
        MemoryProbe memory = MemoryProbe.start();
        LoopSettings settings = settings(params);
        Network network = startNetwork(original, params);
        LoopState state = new LoopState(original, network, splits, settings);
        ctx.progress(0, "preparing");
        prepare(state, params, ctx.slice(0, 0.1));
        memory.sample();
        Optimizer optimizer = settings.optimizer().create();
        INDArray current = network.params();
        float[][] buffer = new float[1][];
        long step = 0;
        for (int epoch = 0; epoch < settings.epochs(); epoch++) {
            state.setEpoch(epoch);
            EpochPlan plan = plan(state, params);
            double lr = settings.schedule().lr(epoch);
            for (int i = 0; i < plan.size(); i++) {
                ctx.checkCancelled();
                Batch batch = plan.materialise(i, buffer);
                INDArray grad = gradient(state, batch, params);
                optimizer.step(current, grad, lr, state.mask());
                network.setParams(current);
                step++;
                memory.sample();
                ctx.progress(0.1 + 0.9 * (epoch + (i + 1.0) / plan.size()) / settings.epochs(),
                        id() + ": epoch " + (epoch + 1) + "/" + settings.epochs());
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        state.figure("steps", step);
        ModelProvenance parent = original.provenance();
        ModelProvenance provenance = new ModelProvenance(network.spec(), id(), JSON.valueToTree(params),
                parent.datasetName(), parent.datasetSha256(),
                splits.retainAvailable() ? splits.retain().sha256() : null,
                splits.retainAvailable() ? splits.retain().size() : 0, splits.forgetSpec(),
                splits.forget().sha256(), null, null, seconds, original.paramsSha256(), Instant.now().toString());
        return new UnlearningResult(new TrainedModel(network, provenance, null), id(), params, seconds,
                memory.peakExtraBytes(), state.figures());
    }
}
