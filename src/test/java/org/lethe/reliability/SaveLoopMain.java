package org.lethe.reliability;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.lethe.engine.data.ImageShape;
import org.lethe.engine.model.ModelFactory;
import org.lethe.engine.model.ModelProvenance;
import org.lethe.engine.model.ModelSpec;
import org.lethe.engine.model.ModelStore;
import org.lethe.engine.model.Network;
import org.lethe.engine.model.TrainedModel;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The child process of {@link KillDuringSaveTest}: saves version after version of one model to the
 * same file with {@link ModelStore} until it is killed. Version {@code v}'s parameters are drawn
 * from {@code SplittableRandom(v)} (so they do not compress and every save takes a while) and
 * {@code v} is recorded in the provenance's method parameters; after each completed save it prints
 * {@code saved v}.
 *
 * <p>Arguments: the model file, the first version number.
 */
public final class SaveLoopMain {

    /** The architecture saved: an MLP with one hidden layer of 128 (about 102,000 parameters). */
    public static final ModelSpec SPEC = ModelSpec.mlp(new ImageShape(1, 28, 28), 10).withHiddenWidths(List.of(128));

    private SaveLoopMain() {
    }

    /** The parameters of version {@code v}. */
    public static float[] parameters(long v, int count) {
        SplittableRandom random = new SplittableRandom(v);
        float[] values = new float[count];
        for (int i = 0; i < count; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return values;
    }

    /** Runs the save loop; see the class comment. */
    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        long version = Long.parseLong(args[1]);
        Network network = ModelFactory.build(SPEC);
        int count = Math.toIntExact(network.numParams());
        ModelStore store = new ModelStore();
        ObjectMapper json = new ObjectMapper();
        System.out.println("ready");
        System.out.flush();
        for (long v = version; v < version + 100_000; v++) {
            network.setParams(Nd4j.createFromArray(parameters(v, count)));
            ObjectNode params = json.createObjectNode().put("version", v);
            ModelProvenance provenance = new ModelProvenance(SPEC, "save-loop", params, "none", "0", null, 0,
                    null, null, null, List.of(), 0, null, "2026-01-01T00:00:00Z");
            store.save(new TrainedModel(network, provenance, List.of()), file);
            System.out.println("saved " + v);
            System.out.flush();
        }
    }
}
