package org.synvae.cli;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.synvae.data.InvalidDataException;
import org.synvae.data.image.Images;
import org.synvae.music.MelodyFiles;
import org.synvae.music.model.Sampling;
import org.synvae.synesthetic.ModelDirectory;
import org.synvae.synesthetic.SynestheticVae;
import org.synvae.synesthetic.Translator;

/**
 * {@code synvae translate IMAGE...}: the main job. Each image becomes a 2-bar melody through a
 * trained SynVAE (the embedded default model unless {@code --model} names another), written as
 * {@code <name>.mid} (and {@code <name>.wav}) with one summary line per image on stdout. An image
 * that cannot be read does not stop the others: it gets a line on stderr and the exit code is 2
 * ({@link BatchFailures}).
 */
final class TranslateCommand implements Command, Main.PositionalArguments {
    /** Where the embedded default model lives on the class path. */
    static final String DEFAULT_MODEL = "/org/synvae/cli/default-model/";

    @Override
    public String name() {
        return "translate";
    }

    @Override
    public String summary() {
        return "turn images into melodies (MIDI, WAV) with a SynVAE (default: the embedded model)";
    }

    @Override
    public String usage() {
        return "IMAGE... [--model DIR] [--out DIR] [--wav] [--temperature T | --argmax] [--seed S] [--fail-fast]";
    }

    @Override
    public Options options() {
        Options o = new Options();
        o.addOption(Option.builder().longOpt("model").hasArg().argName("DIR")
                .desc("SynVAE model directory (a syn-train experiment's model/); default: the embedded model").build());
        o.addOption(Option.builder().longOpt("out").hasArg().argName("DIR").desc("where the melodies go (default: the current directory)").build());
        o.addOption(Option.builder().longOpt("wav").desc("also render WAV audio").build());
        o.addOption(Option.builder().longOpt("soundfont").hasArg().argName("SF2").desc("SoundFont for --wav (default: $SYNVAE_SOUNDFONT, else the system's General MIDI one, e.g. Debian's timgm6mb-soundfont)").build());
        o.addOption(Option.builder().longOpt("program").hasArg().argName("N").desc("General MIDI program of the melody (default 0, piano)").build());
        o.addOption(Option.builder().longOpt("piano-roll").desc("also write a piano-roll PNG per melody").build());
        MusicModelOptions.addSampling(o);
        BatchFailures.addOption(o);
        return o;
    }

    @Override
    public int run(CommandLine cmd, PrintStream out) throws Exception {
        Args args = new Args(cmd);
        List<String> files = cmd.getArgList();
        if (files.isEmpty()) {
            throw new UsageException("give at least one image file");
        }
        Sampling sampling = MusicModelOptions.sampling(args, true);
        MelodyFiles melodyFiles = new MelodyFiles(MusicModelOptions.program(args), args.has("piano-roll"), args.has("wav"), args.path("soundfont"));
        Path outDir = OutputTargets.directory(Path.of(args.string("out", ".")));
        List<String> names = outputNames(files);
        BatchFailures failures = BatchFailures.of(args);
        List<BufferedImage> images = new ArrayList<>();
        List<Integer> read = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            try {
                images.add(Images.read(Path.of(files.get(i))));
                read.add(i);
            } catch (InvalidDataException e) {
                failures.add(e);
            }
        }
        if (!images.isEmpty()) {
            SynestheticVae vae = args.has("model") ? ModelDirectory.load(Path.of(args.required("model"))) : defaultModel();
            List<Translator.Translation> translations = new Translator(vae).translate(images, sampling);
            for (int k = 0; k < translations.size(); k++) {
                int i = read.get(k);
                MelodyFiles.Written w = melodyFiles.write(translations.get(k).tokens(), outDir, names.get(i));
                out.println(files.get(i) + " -> " + w.summary());
            }
        }
        failures.finish();
        return 0;
    }

    /** The base name each image's melody files get; two images may not share one. */
    private static List<String> outputNames(List<String> files) {
        List<String> names = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String f : files) {
            String name = baseName(Path.of(f));
            if (!seen.add(name)) {
                throw new UsageException("two images would both write " + name + ".mid; rename one or translate them separately");
            }
            names.add(name);
        }
        return names;
    }

    private static String baseName(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    /** The model shipped in the CLI's jar, unpacked to a temporary directory to load. */
    static SynestheticVae defaultModel() throws IOException {
        Path tmp = Files.createTempDirectory("synvae-model");
        try {
            for (String file : List.of(ModelDirectory.CONFIG, ModelDirectory.WEIGHTS)) {
                try (InputStream in = TranslateCommand.class.getResourceAsStream(DEFAULT_MODEL + file)) {
                    if (in == null) {
                        throw new UsageException("this build has no embedded default model; give one with --model DIR");
                    }
                    Files.copy(in, tmp.resolve(file));
                }
            }
            return ModelDirectory.load(tmp);
        } finally {
            for (String file : List.of(ModelDirectory.CONFIG, ModelDirectory.WEIGHTS)) {
                Files.deleteIfExists(tmp.resolve(file));
            }
            Files.deleteIfExists(tmp);
        }
    }
}
