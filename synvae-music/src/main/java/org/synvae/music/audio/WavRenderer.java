package org.synvae.music.audio;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sound.midi.InvalidMidiDataException;
import javax.sound.midi.MetaMessage;
import javax.sound.midi.MidiEvent;
import javax.sound.midi.MidiSystem;
import javax.sound.midi.MidiUnavailableException;
import javax.sound.midi.Receiver;
import javax.sound.midi.Sequence;
import javax.sound.midi.ShortMessage;
import javax.sound.midi.Soundbank;
import javax.sound.midi.Synthesizer;
import javax.sound.midi.Track;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.synvae.data.InvalidDataException;
import org.synvae.data.io.AtomicFiles;
import org.synvae.music.midi.MidiWriter;
import org.synvae.music.note.NoteSequence;

/**
 * Renders a {@link NoteSequence} to a WAV file offline (faster than real time, no sound device)
 * with the JDK's Gervill software synthesizer: 44.1 kHz, 16-bit PCM, the notes plus a release
 * tail. The sequence is played as {@link MidiWriter} would write it (channels, programs, drums).
 *
 * <p>Gervill's offline mode ({@code AudioSynthesizer.openStream}) is in
 * {@code com.sun.media.sound}, which {@code java.desktop} does not export: the JVM must run with
 * {@code --add-exports java.desktop/com.sun.media.sound=ALL-UNNAMED} (or a jar manifest's
 * {@code Add-Exports: java.desktop/com.sun.media.sound}); without it rendering fails with an
 * {@link IllegalStateException} saying so.
 *
 * <p>The JDK ships no soundbank, so without a SoundFont Gervill synthesizes its small
 * "emergency" one; a General MIDI .sf2 sounds far better.
 */
public final class WavRenderer {
    private static final Logger LOG = LogManager.getLogger(WavRenderer.class);
    private static final AtomicBoolean WARNED_NO_SOUNDFONT = new AtomicBoolean();

    /** Output sample rate in Hz. */
    public static final float SAMPLE_RATE = 44_100f;
    /** Seconds rendered after the last note ends, for the release. */
    public static final double TAIL_SECONDS = 1.0;
    /** The most audio bytes a WAV file holds: its RIFF size field (data + 36 header bytes) is 32-bit. */
    private static final long MAX_DATA_BYTES = 0xFFFF_FFFFL - 36;

    private WavRenderer() {
    }

    /**
     * Renders in stereo.
     *
     * @param soundFont a .sf2 file, or {@code null} for Gervill's built-in emergency soundbank
     */
    public static void render(NoteSequence sequence, Path wav, Path soundFont) throws IOException {
        render(sequence, wav, soundFont, 2);
    }

    /**
     * Renders with {@code channels} audio channels (1 = mono, 2 = stereo).
     *
     * @param soundFont a .sf2 file, or {@code null} for Gervill's built-in emergency soundbank
     */
    public static void render(NoteSequence sequence, Path wav, Path soundFont, int channels) throws IOException {
        if (channels != 1 && channels != 2) {
            throw new IllegalArgumentException("channels must be 1 or 2, not " + channels);
        }
        Soundbank bank = soundFont == null ? null : loadSoundFont(soundFont);
        if (bank != null) {
            LOG.debug("Rendering {} with SoundFont {}", wav, soundFont);
        }
        if (bank == null && WARNED_NO_SOUNDFONT.compareAndSet(false, true)) {
            LOG.warn("No General MIDI SoundFont found; rendering with the JDK's thin emergency soundbank. Install one "
                    + "(Debian/Ubuntu: apt-get install timgm6mb-soundfont or fluid-soundfont-gm), set $" + SoundFonts.ENV
                    + " or pass --soundfont FILE.sf2");
        }
        AudioFormat format = new AudioFormat(SAMPLE_RATE, 16, channels, true, false);
        double seconds = sequence.totalTime() + TAIL_SECONDS;
        // The RIFF size fields are 32-bit: longer audio would wrap them and make a corrupt WAV. Refuse before writing.
        if (!(seconds * SAMPLE_RATE * format.getFrameSize() <= MAX_DATA_BYTES)) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                    "%s: %.0f s of audio are more than a WAV file holds (4 GiB, %.0f s at %d channels)", wav, seconds,
                    MAX_DATA_BYTES / (double) (SAMPLE_RATE * format.getFrameSize()), channels));
        }
        long frames = (long) Math.ceil(seconds * SAMPLE_RATE);
        Synthesizer synth = synthesizer();
        try {
            Map<String, Object> info = new HashMap<>();
            info.put("interpolation", "sinc");
            info.put("max polyphony", 256);
            info.put("load default soundbank", bank == null);
            AudioInputStream stream = openStream(synth, format, info);
            if (bank != null) {
                if (!synth.isSoundbankSupported(bank) || !synth.loadAllInstruments(bank)) {
                    throw InvalidDataException.of(soundFont, "SoundFont not supported by the synthesizer");
                }
            }
            Receiver receiver = synth.getReceiver();
            for (Timed timed : schedule(MidiWriter.toMidi(sequence))) {
                receiver.send(timed.message(), timed.micros());
            }
            AudioInputStream limited = new AudioInputStream(stream, format, frames);
            AtomicFiles.write(wav, out -> AudioSystem.write(limited, AudioFileFormat.Type.WAVE, out));
        } catch (MidiUnavailableException e) {
            throw new IllegalStateException("the software synthesizer is unavailable: " + e.getMessage(), e);
        } finally {
            synth.close();
        }
    }

    /** A channel message and when Gervill should play it. */
    private record Timed(long micros, ShortMessage message) {
    }

    /** Channel messages of all tracks in time order, with their times in microseconds. */
    private static List<Timed> schedule(Sequence midi) {
        List<MidiEvent> tempos = new ArrayList<>();
        List<MidiEvent> events = new ArrayList<>();
        for (Track track : midi.getTracks()) {
            for (int i = 0; i < track.size(); i++) {
                MidiEvent e = track.get(i);
                if (e.getMessage() instanceof MetaMessage m && m.getType() == 0x51) {
                    tempos.add(e);
                } else if (e.getMessage() instanceof ShortMessage) {
                    events.add(e);
                }
            }
        }
        tempos.sort(Comparator.comparingLong(MidiEvent::getTick));
        events.sort(Comparator.comparingLong(MidiEvent::getTick)); // stable: track order kept at one tick
        List<Timed> timed = new ArrayList<>(events.size());
        for (MidiEvent e : events) {
            timed.add(new Timed(micros(e.getTick(), tempos, midi.getResolution()), (ShortMessage) e.getMessage()));
        }
        return timed;
    }

    private static long micros(long tick, List<MidiEvent> tempos, int resolution) {
        double micros = 0;
        long lastTick = 0;
        double microsPerQuarter = 500_000;
        for (MidiEvent t : tempos) {
            if (t.getTick() > tick) {
                break;
            }
            micros += (t.getTick() - lastTick) * microsPerQuarter / resolution;
            lastTick = t.getTick();
            byte[] d = ((MetaMessage) t.getMessage()).getData();
            microsPerQuarter = ((d[0] & 0xFF) << 16) | ((d[1] & 0xFF) << 8) | (d[2] & 0xFF);
        }
        return Math.round(micros + (tick - lastTick) * microsPerQuarter / resolution);
    }

    private static Soundbank loadSoundFont(Path soundFont) {
        if (!Files.isRegularFile(soundFont)) {
            throw InvalidDataException.of(soundFont, "no such SoundFont file");
        }
        try {
            return MidiSystem.getSoundbank(soundFont.toFile());
        } catch (InvalidMidiDataException | IOException | RuntimeException e) {
            throw InvalidDataException.of(soundFont, "not a readable SoundFont (" + e.getMessage() + ")", e);
        }
    }

    private static Synthesizer synthesizer() {
        try {
            return MidiSystem.getSynthesizer();
        } catch (MidiUnavailableException e) {
            throw new IllegalStateException("no software synthesizer: " + e.getMessage(), e);
        }
    }

    private static AudioInputStream openStream(Synthesizer synth, AudioFormat format, Map<String, Object> info)
            throws MidiUnavailableException {
        try {
            Class<?> audioSynthesizer = Class.forName("com.sun.media.sound.AudioSynthesizer");
            if (!audioSynthesizer.isInstance(synth)) {
                throw new IllegalStateException("the default synthesizer (" + synth.getClass().getName()
                        + ") is not Gervill and cannot render offline");
            }
            Method open = audioSynthesizer.getMethod("openStream", AudioFormat.class, Map.class);
            return (AudioInputStream) open.invoke(synth, format, info);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("offline audio rendering needs the JVM option "
                    + "--add-exports java.desktop/com.sun.media.sound=ALL-UNNAMED", e);
        } catch (ClassNotFoundException | NoSuchMethodException e) {
            throw new IllegalStateException("this JDK has no Gervill synthesizer (" + e.getMessage() + ")", e);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof MidiUnavailableException mue) {
                throw mue;
            }
            throw new IllegalStateException("cannot open the synthesizer: " + e.getCause(), e.getCause());
        }
    }
}
