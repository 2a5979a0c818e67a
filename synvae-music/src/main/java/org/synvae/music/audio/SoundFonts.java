package org.synvae.music.audio;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Where a General MIDI SoundFont is found when none is given: {@code $SYNVAE_SOUNDFONT}, then the
 * places Linux distributions install one (Debian/Ubuntu {@code fluid-soundfont-gm}, MIT, and
 * {@code timgm6mb-soundfont}, GPL-2; Fedora and Arch {@code /usr/share/soundfonts}). The JDK's
 * built-in emergency soundbank, which sounds thin, is the last resort.
 */
public final class SoundFonts {
    /** Environment variable naming a SoundFont to use by default. */
    public static final String ENV = "SYNVAE_SOUNDFONT";
    /**
     * The system locations, in order: TimGM6mb (6 MB) before FluidR3 (148 MB), since every WAV
     * loads its SoundFont anew and FluidR3 takes seconds to load.
     */
    public static final List<Path> SYSTEM = List.of(
            Path.of("/usr/share/sounds/sf2/TimGM6mb.sf2"),
            Path.of("/usr/share/sounds/sf2/FluidR3_GM.sf2"),
            Path.of("/usr/share/soundfonts/FluidR3_GM.sf2"),
            Path.of("/usr/share/soundfonts/default.sf2"),
            Path.of("/usr/share/sounds/sf2/default-GM.sf2"));

    private SoundFonts() {
    }

    /** The SoundFont to render with when none is given, if this machine has one. */
    public static Optional<Path> systemDefault() {
        String env = System.getenv(ENV);
        if (env != null && !env.isBlank()) {
            return Optional.of(Path.of(env));
        }
        return SYSTEM.stream().filter(Files::isRegularFile).findFirst();
    }
}
