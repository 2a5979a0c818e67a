package org.synvae.cli;

import java.awt.image.BufferedImage;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.synvae.data.InvalidDataException;
import org.synvae.data.image.Images;
import org.synvae.music.audio.WavRenderer;
import org.synvae.music.midi.MidiReader;
import org.synvae.music.note.NoteSequence;
import org.synvae.music.note.NoteSequenceProto;
import org.synvae.music.plot.PianoRoll;

/**
 * {@code synvae music render}: MIDI (or NoteSequence .pb) files to WAV audio and piano-roll PNGs.
 * A file that cannot be read does not stop the others ({@link BatchFailures}). Every input is read
 * and checked before anything is written, so a bad file leaves no output of its own (and none at all
 * under {@code --fail-fast}); two inputs of one base name are refused before any work.
 */
final class MusicRenderCommand implements Command, Main.PositionalArguments {

    @Override
    public String name() {
        return "music render";
    }

    @Override
    public String summary() {
        return "render MIDI or NoteSequence (.pb) files as WAV and piano-roll PNG";
    }

    @Override
    public String usage() {
        return "FILE... --out DIR [--soundfont SF2] [--no-wav] [--no-png] [--fail-fast]";
    }

    @Override
    public Options options() {
        Options o = new Options();
        o.addOption(Option.builder().longOpt("out").hasArg().argName("DIR").desc("where <name>.wav and <name>.png go").build());
        o.addOption(Option.builder().longOpt("soundfont").hasArg().argName("SF2")
                .desc("a General MIDI SoundFont (default: the JDK's built-in bank, which sounds thin)").build());
        o.addOption(Option.builder().longOpt("no-wav").desc("skip the audio").build());
        o.addOption(Option.builder().longOpt("no-png").desc("skip the piano roll").build());
        BatchFailures.addOption(o);
        return o;
    }

    @Override
    public int run(CommandLine cmd, PrintStream out) throws Exception {
        Args args = new Args(cmd);
        if (cmd.getArgList().isEmpty()) {
            throw new UsageException("give at least one MIDI or .pb file");
        }
        Path outDir = OutputTargets.directory(Path.of(args.required("out")));
        Path soundFont = args.has("soundfont") ? args.path("soundfont") : org.synvae.music.audio.SoundFonts.systemDefault().orElse(null);
        if (soundFont != null && !Files.isRegularFile(soundFont)) {
            throw InvalidDataException.of(soundFont, "no such SoundFont file");
        }
        BatchFailures failures = BatchFailures.of(args);
        // Two inputs of one base name would overwrite each other's output: refused before anything is read.
        Map<Path, String> bases = baseNames(cmd.getArgList());
        // Every input is read (and its duration checked) before anything is written: a bad file leaves no
        // output, and under --fail-fast the first bad one stops the command with nothing written at all.
        Map<Path, NoteSequence> inputs = new LinkedHashMap<>();
        for (Path in : bases.keySet()) {
            try {
                inputs.put(in, read(in));
            } catch (InvalidDataException e) {
                failures.add(e);
            }
        }
        if (!inputs.isEmpty()) {
            Files.createDirectories(outDir);
        }
        for (Map.Entry<Path, NoteSequence> e : inputs.entrySet()) {
            try {
                render(e.getKey(), e.getValue(), outDir, bases.get(e.getKey()), soundFont, cmd, out);
            } catch (InvalidDataException bad) {
                failures.add(bad);
            }
        }
        failures.finish();
        return 0;
    }

    /**
     * Each input (a path given twice counts once) and the base name of its outputs.
     *
     * @throws UsageException when two inputs share a base name and would write the same .wav/.png
     */
    private static Map<Path, String> baseNames(List<String> files) {
        Map<Path, String> bases = new LinkedHashMap<>();
        Map<String, Path> byBase = new HashMap<>();
        for (String file : files) {
            Path in = Path.of(file);
            if (bases.containsKey(in)) {
                continue;
            }
            String base = in.getFileName().toString().replaceFirst("\\.[^.]+$", "");
            Path other = byBase.putIfAbsent(base, in);
            if (other != null) {
                throw new UsageException(other + " and " + in + " would both write " + base
                        + ".wav/.png; rename one or render them separately");
            }
            bases.put(in, base);
        }
        return bases;
    }

    private static NoteSequence read(Path in) throws java.io.IOException {
        if (!Files.isRegularFile(in)) {
            throw InvalidDataException.of(in, Files.isDirectory(in) ? "is a directory, not a MIDI or .pb file" : "no such file");
        }
        return in.toString().endsWith(".pb") ? NoteSequenceProto.read(in) : MidiReader.read(in);
    }

    /**
     * Writes {@code base}.wav and {@code base}.png in {@code outDir} as asked; the roll is drawn first,
     * so a roll that cannot be drawn leaves no WAV behind.
     */
    private static void render(Path in, NoteSequence seq, Path outDir, String base, Path soundFont, CommandLine cmd,
                               PrintStream out)
            throws java.io.IOException {
        BufferedImage roll = cmd.hasOption("no-png") ? null : PianoRoll.draw(seq);
        if (!cmd.hasOption("no-wav")) {
            WavRenderer.render(seq, outDir.resolve(base + ".wav"), soundFont);
        }
        if (roll != null) {
            Images.writePng(roll, outDir.resolve(base + ".png"));
        }
        out.printf(Locale.ROOT, "%s: %d notes, %.2f s%n", in, seq.notes().size(), seq.totalTime());
    }
}
