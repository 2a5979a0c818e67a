package org.synvae.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.nd4j.linalg.factory.Nd4j;
import org.synvae.data.io.AtomicFiles;
import org.synvae.eval.music.MagnitudeStats;
import org.synvae.eval.music.NoteCountPlot;
import org.synvae.music.melody.Melody;
import org.synvae.music.melody.OneHotMelodyCodec;
import org.synvae.music.model.Decoded;
import org.synvae.music.model.MusicVae;
import org.synvae.music.model.Sampling;

/**
 * {@code synvae music-stats}: the seed's aud_sampling: melodies decoded from N(0, I) latents scaled
 * by several magnitudes, as MIDI, with note-count histograms (PNG) and statistics (JSON).
 */
final class MusicStatsCommand implements Command {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Override
    public String name() {
        return "music-stats";
    }

    @Override
    public String summary() {
        return "decode scaled prior latents at several magnitudes: MIDI, note-count histograms, stats JSON";
    }

    @Override
    public String usage() {
        return "--config C --checkpoint P --out DIR [--magnitudes 0.5,1,2,4] [--n 16] [--temperature 0.5 | --argmax] [--seed S] [--wav]";
    }

    @Override
    public Options options() {
        Options o = new Options();
        MusicModelOptions.addModel(o);
        o.addOption(Option.builder().longOpt("magnitudes").hasArg().argName("M,M").desc("scales of the latents (default 0.5,1,2,4)").build());
        o.addOption(Option.builder().longOpt("n").hasArg().argName("N").desc("melodies per magnitude (default 16)").build());
        o.addOption(Option.builder().longOpt("temperature").hasArg().argName("T").desc("sampling temperature (default 0.5, as the seed)").build());
        o.addOption(Option.builder().longOpt("argmax").desc("take the most likely class at every step").build());
        o.addOption(Option.builder().longOpt("seed").hasArg().argName("S").desc("seed of latents and sampling (default 42)").build());
        MusicModelOptions.addMelodyOutput(o);
        return o;
    }

    @Override
    public int run(CommandLine cmd, PrintStream out) throws Exception {
        Args args = new Args(cmd);
        Path outDir = Path.of(args.required("out"));
        double[] magnitudes = magnitudes(args.string("magnitudes", "0.5,1,2,4"));
        int n = args.positive("n", 16);
        long seed = args.longValue("seed", 42);
        if (args.has("argmax") && args.has("temperature")) {
            throw new UsageException("--argmax and --temperature exclude each other");
        }
        double temperature = args.number("temperature", 0.5);
        if (!(temperature > 0)) {
            throw new UsageException("--temperature must be positive");
        }
        Sampling sampling = args.has("argmax") ? Sampling.argmax() : Sampling.temperature(temperature, seed);
        MusicVae vae = MusicModelOptions.model(args);
        int z = vae.config().zSize();
        int steps = vae.config().steps();
        float[] latents = MagnitudeStats.scaledLatents(n, z, magnitudes, seed);
        Decoded decoded = vae.decode(Nd4j.create(latents, new long[] {(long) magnitudes.length * n, z}, 'c'), sampling);
        OneHotMelodyCodec codec = new OneHotMelodyCodec();
        List<MagnitudeStats> stats = new ArrayList<>();
        for (int m = 0; m < magnitudes.length; m++) {
            Melody[] melodies = new Melody[n];
            Path dir = outDir.resolve(String.format(Locale.ROOT, "mag-%.2f", magnitudes[m]));
            for (int i = 0; i < n; i++) {
                int[] tokens = decoded.tokens()[m * n + i];
                melodies[i] = codec.decodeIndices(tokens);
                MusicModelOptions.writeMelody(args, dir, String.format(Locale.ROOT, "sample_%03d", i), tokens);
            }
            stats.add(MagnitudeStats.of(magnitudes[m], melodies, steps));
        }
        NoteCountPlot.write(outDir.resolve("note_counts.png"), stats);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("config", vae.config().name());
        json.put("checkpoint", args.required("checkpoint"));
        json.put("seed", seed);
        json.put("sampling", args.has("argmax") ? "argmax" : "temperature " + temperature);
        json.put("per_magnitude", n);
        json.put("magnitudes", stats.stream().map(MagnitudeStats::toJsonMap).toList());
        AtomicFiles.write(outDir.resolve("stats.json"), JSON.writeValueAsBytes(json));
        out.println("magnitude  melodies  mean notes (sd)  mean range  mean distinct  pitches  lowest-highest  silent");
        for (MagnitudeStats s : stats) {
            out.printf(Locale.ROOT, "%9.2f  %8d  %6.2f (%5.2f)  %10.2f  %13.2f  %7d  %6d-%-7d  %5.1f%%%n", s.magnitude(), s.melodies(),
                    s.meanNotes(), s.sdNotes(), s.meanPitchRange(), s.meanDistinctPitches(), s.distinctPitches(), s.lowest(), s.highest(),
                    100 * s.silentShare());
        }
        out.println("wrote " + outDir.resolve("note_counts.png") + ", " + outDir.resolve("stats.json") + " and MIDI under " + outDir);
        return 0;
    }

    static double[] magnitudes(String list) {
        try {
            double[] m = Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty()).mapToDouble(Double::parseDouble)
                    .sorted().toArray();
            if (m.length == 0 || Arrays.stream(m).anyMatch(v -> !(v > 0) || !Double.isFinite(v))) {
                throw new NumberFormatException();
            }
            return m;
        } catch (NumberFormatException e) {
            throw new UsageException("--magnitudes must be a comma-separated list of positive numbers, got '" + list + "'");
        }
    }
}
