package org.synvae.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.synvae.data.io.NdArrays;
import org.synvae.data.io.NpyArray;
import org.synvae.music.checkpoint.MagentaJsCheckpointWriter;
import org.synvae.music.checkpoint.TfCheckpointWriter;
import org.synvae.music.melody.OneHotMelodyCodec;
import org.synvae.music.model.MusicVaeConfig;
import org.synvae.music.model.MusicVaeLoader;
import org.synvae.music.train.TfExport;

/**
 * {@code synvae music export}: a MusicVAE (a checkpoint, or a {@code music train} experiment's
 * latest export) written as a magenta.js checkpoint directory (weights_manifest.json, shards,
 * config.json: what {@code new mm.MusicVAE(url)} loads) or as a TensorFlow checkpoint
 * ({@code DIR/model.ckpt} and its {@code checkpoint} file, magenta's variable names).
 */
final class MusicExportCommand implements Command {

    @Override
    public String name() {
        return "music export";
    }

    @Override
    public String summary() {
        return "write a MusicVAE as a magenta.js checkpoint directory or a TensorFlow checkpoint";
    }

    @Override
    public String usage() {
        return "(--exp DIR | --config C --checkpoint P) --out DIR [--format magenta-js|tf]";
    }

    @Override
    public Options options() {
        Options o = new Options();
        o.addOption(Option.builder().longOpt("exp").hasArg().argName("DIR").desc("a music train experiment (its config and latest export)").build());
        MusicModelOptions.addModel(o);
        o.addOption(Option.builder().longOpt("out").hasArg().argName("DIR").desc("the checkpoint directory to write (replaced if it exists)").build());
        o.addOption(Option.builder().longOpt("format").hasArg().argName("F").desc("magenta-js (default) or tf").build());
        return o;
    }

    @Override
    public int run(CommandLine cmd, PrintStream out) throws Exception {
        Args args = new Args(cmd);
        Path outDir = Path.of(args.required("out"));
        String format = args.string("format", "magenta-js");
        if (!format.equals("magenta-js") && !format.equals("tf")) {
            throw new UsageException("--format must be magenta-js or tf, not " + format);
        }
        if (Files.exists(outDir) && !Files.isDirectory(outDir)) {
            throw new UsageException("--out " + outDir + " is a file, not a directory");
        }
        MusicModelOptions.Trained model = MusicModelOptions.Trained.of(args);
        MusicVaeConfig config = model.config();
        Path checkpoint = model.checkpoint();
        if (config.hierarchical()) {
            throw new UsageException("config " + config.name() + " is hierarchical; export supports flat melody models");
        }
        Map<String, INDArray> weights = MusicVaeLoader.tensors(config, checkpoint);
        Map<String, NpyArray> tensors = new LinkedHashMap<>(NdArrays.toNpy(new TreeMap<>(weights)));
        if (format.equals("magenta-js")) {
            MagentaJsCheckpointWriter.write(outDir, tensors, MagentaJsCheckpointWriter.melodyConfig(config.steps(),
                    OneHotMelodyCodec.MIN_PITCH, OneHotMelodyCodec.MAX_PITCH));
            out.println("magenta.js checkpoint: " + outDir + " (" + tensors.size() + " weights; load with new mm.MusicVAE(URL of this folder))");
        } else {
            Files.createDirectories(outDir);
            Path prefix = outDir.resolve("model.ckpt");
            tensors.put(TfExport.GLOBAL_STEP, NpyArray.ofLongs(new long[] {0}));
            TfCheckpointWriter.write(prefix, tensors);
            TfCheckpointWriter.writeCheckpointStateFile(outDir, prefix.getFileName().toString());
            out.println("tensorflow checkpoint: " + prefix);
        }
        return 0;
    }
}
