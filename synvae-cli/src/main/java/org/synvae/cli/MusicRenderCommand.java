package org.synvae.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.synvae.data.InvalidDataException;
import org.synvae.music.audio.WavRenderer;
import org.synvae.music.midi.MidiReader;
import org.synvae.music.note.NoteSequence;
import org.synvae.music.note.NoteSequenceProto;
import org.synvae.music.plot.PianoRoll;

/**
 * {@code synvae music render}: MIDI (or NoteSequence .pb) files to WAV audio and piano-roll PNGs.
 * A file that cannot be read does not stop the others ({@link BatchFailures}).
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
        for (String file : cmd.getArgList()) {
            try {
                render(Path.of(file), outDir, soundFont, cmd, out);
            } catch (InvalidDataException e) {
                failures.add(e);
            }
        }
        failures.finish();
        return 0;
    }

    private static void render(Path in, Path outDir, Path soundFont, CommandLine cmd, PrintStream out) throws java.io.IOException {
        if (!Files.isRegularFile(in)) {
            throw InvalidDataException.of(in, "no such file");
        }
        NoteSequence seq = in.toString().endsWith(".pb") ? NoteSequenceProto.read(in) : MidiReader.read(in);
        String base = in.getFileName().toString().replaceFirst("\\.[^.]+$", "");
        Files.createDirectories(outDir);
        if (!cmd.hasOption("no-wav")) {
            WavRenderer.render(seq, outDir.resolve(base + ".wav"), soundFont);
        }
        if (!cmd.hasOption("no-png")) {
            PianoRoll.write(seq, outDir.resolve(base + ".png"));
        }
        out.printf(Locale.ROOT, "%s: %d notes, %.2f s%n", in, seq.notes().size(), seq.totalTime());
    }
}
