package org.synvae.eval.listening;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.synvae.data.InvalidDataException;
import org.synvae.music.melody.OneHotMelodyCodec;
import org.synvae.music.midi.MidiReader;
import org.synvae.music.model.MusicVae;

/**
 * A listener that hears only the melody: it encodes every MIDI with the MusicVAE encoder (posterior
 * mean), takes the mean latent of each class's example melodies, and answers a task with the
 * option whose class mean is nearest (Euclidean) to the played melody's latent. Nearest class mean
 * and not k-NN: with the seed's 4 examples per class, a class mean is the steadier summary, and it
 * is what a person can form from a few examples too.
 */
public final class MachineListener {
    /** The listener ID machine answers carry. */
    public static final String ID = "machine";

    private MachineListener() {
    }

    /**
     * Answers every task by nearest class mean.
     *
     * @param set             the tasks; options are in class order
     * @param exampleLatents  latent of each example, in {@code set.examples()} order
     * @param taskLatents     latent of each task's played melody
     */
    public static List<Answer> answer(TaskSet set, double[][] exampleLatents, double[][] taskLatents) {
        int k = set.classes().size();
        int dim = exampleLatents[0].length;
        double[][] means = new double[k][dim];
        int per = set.examplesPerClass();
        for (int i = 0; i < exampleLatents.length; i++) {
            for (int d = 0; d < dim; d++) {
                means[set.exampleClass(i)][d] += exampleLatents[i][d] / per;
            }
        }
        List<Answer> out = new ArrayList<>();
        for (int t = 0; t < set.tasks().size(); t++) {
            TaskSet.Task task = set.tasks().get(t);
            int choice = ClassMeans.nearest(means, taskLatents[t]);
            out.add(new Answer(ID, t, choice, task.options().get(choice), choice == task.truth(), ""));
        }
        return out;
    }

    /** Reads the machine's answers from the MIDI files beside a task set and the encoder. */
    public static List<Answer> listen(TaskSet set, Path dataDir, MusicVae vae) throws IOException {
        List<Path> examples = set.examples().stream().map(id -> dataDir.resolve(TaskSet.midiName(id))).toList();
        List<Path> played = set.tasks().stream().map(t -> dataDir.resolve(TaskSet.midiName(t.truthId()))).toList();
        return answer(set, encode(vae, examples), encode(vae, played));
    }

    /** Posterior means [files][z] of MIDI melodies (see {@link MelodyGrid}). */
    public static double[][] encode(MusicVae vae, List<Path> midis) throws IOException {
        int steps = vae.config().steps();
        int depth = vae.config().depth();
        OneHotMelodyCodec codec = new OneHotMelodyCodec();
        float[] x = new float[midis.size() * steps * depth];
        for (int i = 0; i < midis.size(); i++) {
            Path f = midis.get(i);
            if (!Files.isRegularFile(f)) {
                throw InvalidDataException.of(f, "no such file (the machine listener needs the melodies' MIDI files)");
            }
            codec.encode(MelodyGrid.of(MidiReader.read(f), steps), x, i * steps * depth);
        }
        INDArray mu = vae.encode(Nd4j.create(x, new long[] {midis.size(), steps, depth}, 'c')).mu();
        return mu.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).toDoubleMatrix();
    }
}
