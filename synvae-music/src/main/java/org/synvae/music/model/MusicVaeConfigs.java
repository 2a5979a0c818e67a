package org.synvae.music.model;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The registry of MusicVAE configs: magenta's melody models as the SynVAE seed names them. A name
 * that is not registered may be the path of a JSON config ({@link MusicVaeConfig#fromJson}).
 */
public final class MusicVaeConfigs {
    /** 2-bar melodies: BiLSTM 512, decoder 2 x 256, z 256 (4.4 M parameters). */
    public static final MusicVaeConfig CAT_MEL_2BAR_SMALL = flat("cat-mel_2bar_small", 256, List.of(512), List.of(256, 256), 0.2);
    /** 2-bar melodies: BiLSTM 2048, decoder 3 x 2048, z 512 (134.6 M parameters; magenta's published model). */
    public static final MusicVaeConfig CAT_MEL_2BAR_BIG = flat("cat-mel_2bar_big", 512, List.of(2048), List.of(2048, 2048, 2048), 0.5);
    /** 4-bar melodies, hierarchical: conductor over 4 bars. */
    public static final MusicVaeConfig HIERDEC_MEL_4BAR = hierdec("hierdec-mel_4bar", 4);
    /** 8-bar melodies, hierarchical. */
    public static final MusicVaeConfig HIERDEC_MEL_8BAR = hierdec("hierdec-mel_8bar", 8);
    /** 16-bar melodies, hierarchical (magenta's published hierdec-mel_16bar). */
    public static final MusicVaeConfig HIERDEC_MEL_16BAR = hierdec("hierdec-mel_16bar", 16);

    private static final Map<String, MusicVaeConfig> REGISTRY = registry();

    private MusicVaeConfigs() {
    }

    /** The registered config of this name, or the config in the JSON file this names. */
    public static MusicVaeConfig byName(String nameOrJson) {
        MusicVaeConfig c = REGISTRY.get(nameOrJson);
        if (c != null) {
            return c;
        }
        Path file = Path.of(nameOrJson);
        if (nameOrJson.endsWith(".json") && Files.isRegularFile(file)) {
            return MusicVaeConfig.fromJson(file);
        }
        throw new IllegalArgumentException("unknown MusicVAE config '" + nameOrJson + "'; known: " + names() + ", or a .json file");
    }

    /** Names of the registered configs. */
    public static List<String> names() {
        return List.copyOf(REGISTRY.keySet());
    }

    private static MusicVaeConfig flat(String name, int z, List<Integer> enc, List<Integer> dec, double maxBeta) {
        return new MusicVaeConfig(name, z, enc, dec, List.of(), 0, 32, 90, maxBeta, 0.99999, 0.0, "inverse_sigmoid",
                1000, 1e-3, 0.9999, 1e-5, 512, 4, 16);
    }

    private static MusicVaeConfig hierdec(String name, int bars) {
        return new MusicVaeConfig(name, 512, List.of(2048, 2048), List.of(1024, 1024), List.of(1024, 1024), bars,
                16 * bars, 90, 0.2, 0.99999, 256, "constant", 0.0, 1e-3, 0.9999, 1e-5, 512, 4, 16);
    }

    private static Map<String, MusicVaeConfig> registry() {
        Map<String, MusicVaeConfig> m = new TreeMap<>();
        for (MusicVaeConfig c : List.of(CAT_MEL_2BAR_SMALL, CAT_MEL_2BAR_BIG, HIERDEC_MEL_4BAR, HIERDEC_MEL_8BAR, HIERDEC_MEL_16BAR)) {
            m.put(c.name(), c);
        }
        return m;
    }
}
